"""Optimistic locking for records two people can edit: each carries a version, a save names
the version its form was opened at, and a save from a stale form is refused with a message
(nothing is overwritten). A conditional UPDATE makes the check and the bump one statement, so
it holds across threads, processes and servers on SQLite and PostgreSQL alike."""

from __future__ import annotations

from typing import Any, TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils.translation import gettext as _


def version_field() -> forms.IntegerField:
    """The hidden field a form of a versioned record carries: the version it was opened at."""
    return forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=2**31 - 1)


class StaleRecord(ValidationError):
    """Someone saved the record after the form was opened."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(
            message
            or _(
                "Someone else saved this after you opened it. Your changes have not been "
                "saved: open it again to see theirs, then make yours."
            )
        )


def claim(record: models.Model, version: int | None) -> None:
    """Bump the record's version if it is still ``version``; else StaleRecord. ``None`` is
    for callers with no form (the demonstration data, the command line): no check."""
    model: Any = type(record)
    rows = model.objects.filter(pk=record.pk)
    if version is not None:
        rows = rows.filter(version=version)
    if not rows.update(version=F("version") + 1):
        raise StaleRecord()
    record.refresh_from_db(fields=["version"])


def check_new(version: int | None) -> None:
    """A record that does not exist yet was opened at version 0; any other version means the
    form saw a record that has since gone."""
    if version not in (None, 0):
        raise StaleRecord()


M = TypeVar("M", bound=models.Model)


def save_versioned(
    model: type[M], lookup: dict[str, Any], version: int | None, values: dict[str, Any]
) -> tuple[M, dict[str, dict[str, Any]]]:
    """update_or_create that refuses a stale form: the existing record is changed only if it
    is still at ``version``; a new one only if the form saw none (two first saves at once:
    the second is stale, not a server error). Returns the record and, for its audit event,
    the ``before`` and ``after`` values of what changed (a record's id for a related one)."""

    def shown(value: Any) -> Any:
        return value.pk if isinstance(value, models.Model) else value

    existing = model._default_manager.filter(**lookup).first()
    if existing is not None:
        claim(existing, version)
        changed = {n: v for n, v in values.items() if getattr(existing, n) != v}
        before = {n: shown(getattr(existing, n)) for n in changed}
        for name, value in values.items():
            setattr(existing, name, value)
        existing.save()
        return existing, {"before": before, "after": {n: shown(v) for n, v in changed.items()}}
    check_new(version)
    try:
        with transaction.atomic():
            # Version 1: a form opened before the record existed carries 0, so a second
            # "first" save from such a form is stale, not an overwrite.
            created = model._default_manager.create(**lookup, **values, version=1)
    except IntegrityError:
        raise StaleRecord() from None
    return created, {"before": {}, "after": {n: shown(v) for n, v in values.items()}}
