"""Entity tags from the record versions the pages already use against lost updates: a change
must name the version it read (``If-Match``), so two programs, or a program and a person,
never overwrite each other."""

from __future__ import annotations

from typing import Any

from .problems import ProblemError


def etag_of(record: Any) -> str:
    return f'"{record._meta.label_lower}-{record.pk}-v{record.version}"'


def require_tag(current: str, if_match: str | None) -> None:
    """``If-Match`` names ``current`` (or "*"); otherwise 428 (none given) or 412."""
    if not if_match:
        raise ProblemError(428, "Send If-Match with the ETag you read, so no change is lost.")
    given = if_match.strip().removeprefix("W/")
    if given != "*" and given != current:
        raise ProblemError(
            412, "The record changed since you read it (or the ETag is not this record's)."
        )


def require_match(record: Any, if_match: str | None) -> int:
    """The version to save from, when ``If-Match`` names the record as it now is."""
    require_tag(etag_of(record), if_match)
    return int(record.version)
