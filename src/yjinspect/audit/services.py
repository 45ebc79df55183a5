"""Record an audit event; called by every services function that changes a record."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.dispatch import Signal

from .models import AuditEvent

# Sent after each audited change that belongs to an inspection (inspection_id=...).
inspection_changed = Signal()


def record(
    user: Any,
    action: str,
    obj: models.Model,
    *,
    inspection_id: int | None = None,
    **details: Any,
) -> AuditEvent:
    event = AuditEvent.objects.create(
        user=user if getattr(user, "is_authenticated", False) else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        inspection_id=inspection_id,
        details=details,
    )
    if inspection_id is not None:
        inspection_changed.send(sender=AuditEvent, inspection_id=inspection_id)
    return event
