"""Shared set-up for benchmarks that need the Django application and a database."""

from __future__ import annotations

import os
import tempfile


def setup(database_url: str | None = None) -> str:
    """Point the app at a fresh SQLite file (or DATABASE_URL), migrate, return the data dir."""
    data_dir = tempfile.mkdtemp(prefix="yj-bench-")
    os.environ["YJ_DATA_DIR"] = data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yjinspect.settings")
    os.environ["YJ_TASKS_EAGER"] = "true"
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    return data_dir
