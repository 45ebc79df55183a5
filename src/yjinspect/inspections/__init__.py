"""An inspection of one service under one framework, from announcement to monitoring."""
