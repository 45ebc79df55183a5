"""The national pages' data version: read on every cached page view, bumped by any change of
what they show (connected in apps.py; bulk loads bump it themselves)."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.db.models import F

from .models import NationalVersion

TABLE = NationalVersion._meta.db_table


def current() -> int:
    # One plain lookup by primary key: this runs before every cached national page.
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT version FROM {connection.ops.quote_name(TABLE)} WHERE id = 1")
        row = cursor.fetchone()
    return 0 if row is None else int(row[0])


def bump(*_args: Any, **_kwargs: Any) -> None:
    """Also a signal receiver (post_save, post_delete of what the pages show)."""
    if not NationalVersion.objects.filter(pk=1).update(version=F("version") + 1):
        NationalVersion.objects.get_or_create(pk=1, defaults={"version": 1})
