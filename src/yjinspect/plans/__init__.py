"""The service's improvement plan: actions against each recommendation, tracked until
re-inspection."""
