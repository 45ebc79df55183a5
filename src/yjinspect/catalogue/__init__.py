"""Pages that show the installed inspection frameworks, read from the engine."""
