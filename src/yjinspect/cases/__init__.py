"""Cases: the caseload, the sample drawn from it, and the assessment of each sampled case."""
