"""Findings (strengths and areas for improvement per standard, domain summaries) and
recommendations to named bodies: what the report will say."""
