"""Database routing: the national dashboards may read from a PostgreSQL read replica
(``YJ_REPLICA_DATABASE_URL``); everything else, and every write, uses the primary.

The dashboards read only what was published (summary tables written in the publishing
transaction), so a replica a few seconds behind shows the picture as it stood a few seconds ago,
never a half-published inspection. Pages that change records read the primary, so a person
always sees their own change.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

REPLICA = "replica"


def dashboard_database() -> str:
    """The alias the national figures read from."""
    return str(getattr(settings, "YJ_DASHBOARD_DATABASE", "default"))


class ReplicaRouter:
    def db_for_read(self, model: type, **hints: Any) -> str | None:
        if model._meta.app_label == "national":  # type: ignore[attr-defined]
            return dashboard_database()
        return None

    def db_for_write(self, model: type, **hints: Any) -> str:
        return "default"

    def allow_relation(self, first: Any, second: Any, **hints: Any) -> bool:
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db != REPLICA  # the replica follows the primary's schema by replication
