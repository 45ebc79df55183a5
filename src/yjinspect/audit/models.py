"""One row per change of record. Rows are only ever added, and each carries a hash of its
content and of the row before it, so an edit or a deletion anywhere breaks the chain
(``yjinspect audit verify`` names the first broken link)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class AuditEvent(models.Model):
    at = models.DateTimeField(db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # Who acted, as they were called then: kept when the account is later removed.
    actor = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=64)  # e.g. "inspection.created"
    object_type = models.CharField(max_length=64)
    object_id = models.CharField(max_length=64)
    inspection_id = models.BigIntegerField(null=True, db_index=True)
    details = models.JSONField(default=dict)
    previous_hash = models.CharField(max_length=64, editable=False)
    hash = models.CharField(max_length=64, editable=False)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type}#{self.object_id}"


class AuditChainHead(models.Model):
    """One row: the hash of the latest event. Writers lock it, so events chain one after
    another; and deleting the latest events is seen because the head still names them."""

    hash = models.CharField(max_length=64)
    count = models.PositiveBigIntegerField(default=0)
