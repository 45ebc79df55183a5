"""Record an audit event; called by every services function that changes a record."""

from __future__ import annotations

from typing import Any

from django.db import models, transaction
from django.dispatch import Signal
from django.utils import timezone

from .chain import canonical, event_hash, head_for_update
from .models import AuditEvent

# Sent after each audited change that belongs to an inspection (inspection_id=...).
inspection_changed = Signal()


def actor_name(user: Any) -> str:
    return str(user.get_username()) if getattr(user, "is_authenticated", False) else ""


def record_event(
    user: Any,
    action: str,
    *,
    object_type: str,
    object_id: str,
    inspection_id: int | None = None,
    details: dict[str, Any] | None = None,
    read_only: bool = False,
) -> AuditEvent:
    """Add an event to the chain (under the chain head's lock, in the caller's transaction:
    if the change is rolled back, so is its event). A ``read_only`` event (a download, an
    export) changes no record, so cached pages of the inspection stay valid."""
    with transaction.atomic():
        head = head_for_update()
        event = AuditEvent(
            at=timezone.now(),
            user=user if getattr(user, "is_authenticated", False) else None,
            actor=actor_name(user),
            action=action,
            object_type=object_type,
            object_id=object_id,
            inspection_id=inspection_id,
            details=canonical(details or {}),
            previous_hash=head.hash,
        )
        event.hash = event_hash(event)
        event.save()
        head.hash, head.count = event.hash, head.count + 1
        head.save(update_fields=["hash", "count"])
    if inspection_id is not None and not read_only:
        inspection_changed.send(sender=AuditEvent, inspection_id=inspection_id)
    return event


def record_read(user: Any, action: str, inspection_id: int, **details: Any) -> AuditEvent:
    """A download or export of an inspection's records: audited, and no change to it."""
    return record_event(
        user,
        action,
        object_type="inspections.inspection",
        object_id=str(inspection_id),
        inspection_id=inspection_id,
        details=details,
        read_only=True,
    )


def changes(record: models.Model, **after: Any) -> dict[str, dict[str, Any]]:
    """``before`` and ``after`` of the fields that ``after`` changes on ``record`` (read before
    the change is applied), for an audit event's details."""
    changed = {k: v for k, v in after.items() if getattr(record, k) != v}
    return {
        "before": {k: getattr(record, k) for k in changed},
        "after": changed,
    }


def record(
    user: Any,
    action: str,
    obj: models.Model,
    *,
    inspection_id: int | None = None,
    **details: Any,
) -> AuditEvent:
    return record_event(
        user,
        action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        inspection_id=inspection_id,
        details=details,
    )
