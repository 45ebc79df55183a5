"""Case alerts: a child or others at risk in an inspected case, escalated to the service at once
and answered by an urgent action plan by a deadline."""
