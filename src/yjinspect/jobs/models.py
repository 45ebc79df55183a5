"""The claim on one slot of a scheduled job, so that it runs once however many workers."""

from __future__ import annotations

from django.db import models


class ScheduledRun(models.Model):
    name = models.CharField(max_length=64)
    slot = models.BigIntegerField()  # seconds since the epoch // the job's interval
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["name", "slot"], name="one_run_per_slot")]
