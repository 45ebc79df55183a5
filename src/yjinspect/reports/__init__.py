"""The inspection report: HTML and PDF, in English and Welsh, and its published versions."""
