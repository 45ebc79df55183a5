"""The audit trail: who changed which record, when, and how."""
