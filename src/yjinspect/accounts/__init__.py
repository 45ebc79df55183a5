"""People and their roles: who may see and do what."""
