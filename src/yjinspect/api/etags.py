"""Entity tags from the record versions the pages already use against lost updates: a change
must name the version it read (``If-Match``), so two programs, or a program and a person,
never overwrite each other."""

from __future__ import annotations

import re
from typing import Any

from .problems import ProblemError

_TAG = re.compile(r'^(?:W/)?"[a-z_.]+-(\d+)-v(\d+)"$')


def etag_of(record: Any) -> str:
    return f'"{record._meta.label_lower}-{record.pk}-v{record.version}"'


def require_match(record: Any, if_match: str | None) -> int:
    """The version an ``If-Match`` names, when it names this record as it now is; otherwise
    428 (none given) or 412 (another version, or another record)."""
    if not if_match:
        raise ProblemError(428, "Send If-Match with the ETag you read, so no change is lost.")
    if if_match.strip() == "*":
        return int(record.version)
    found = _TAG.match(if_match.strip())
    if found is None or if_match.strip().removeprefix("W/") != etag_of(record):
        raise ProblemError(
            412, "The record changed since you read it (or the ETag is not this record's)."
        )
    return int(found.group(2))
