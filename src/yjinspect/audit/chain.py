"""The audit trail's hash chain: how an event's hash is made, and how the chain is checked."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder

from .models import AuditChainHead, AuditEvent

GENESIS = "0" * 64


def canonical(details: dict[str, Any]) -> Any:
    """Details as they will read back from the database (dates as text, tuples as lists)."""
    return json.loads(json.dumps(details, cls=DjangoJSONEncoder))


def event_hash(event: AuditEvent) -> str:
    # The actor's name is hashed, not the account's id: removing an account empties the
    # link to it (SET_NULL) and must not break the chain.
    content = json.dumps(
        [
            event.previous_hash,
            event.at.isoformat(),
            event.actor,
            event.action,
            event.object_type,
            event.object_id,
            event.inspection_id,
            event.details,
        ],
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256(content.encode()).hexdigest()


def head_for_update() -> AuditChainHead:
    """The chain's head, locked until the caller's transaction ends."""
    head = AuditChainHead.objects.select_for_update().filter(pk=1).first()
    if head is None:
        AuditChainHead.objects.get_or_create(pk=1, defaults={"hash": GENESIS})
        head = AuditChainHead.objects.select_for_update().get(pk=1)
    return head


@dataclass(frozen=True)
class BrokenLink:
    event_id: int | None
    reason: str


def _in_order() -> Iterator[AuditEvent]:
    return AuditEvent.objects.order_by("id").iterator(chunk_size=2000)


def verify() -> tuple[int, BrokenLink | None]:
    """Check every event against its hash and the one before it: how many were checked, and
    the first broken link (None when the chain is whole)."""
    previous, checked = GENESIS, 0
    for event in _in_order():
        if event.previous_hash != previous:
            return checked, BrokenLink(
                event.pk, "the event before it was removed or changed (its link does not match)"
            )
        if event_hash(event) != event.hash:
            return checked, BrokenLink(event.pk, "its content was changed after it was written")
        previous, checked = event.hash, checked + 1
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is not None and (head.hash != previous or head.count != checked):
        return checked, BrokenLink(None, "the latest events were removed")
    return checked, None
