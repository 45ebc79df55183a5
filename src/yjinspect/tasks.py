"""Run slow work (large imports, later PDF rendering) outside the request.

A background thread per job, with progress kept in the database so any request can show it.
YJ_TASKS_EAGER=true runs jobs inline (tests, and the CLI). A queue with separate workers
replaces this when the product runs on several app servers; callers will not change.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import close_old_connections, connections

logger = logging.getLogger(__name__)


def run_in_background(func: Callable[..., Any], *args: Any) -> None:
    if getattr(settings, "YJ_TASKS_EAGER", False):
        func(*args)
        return

    def job() -> None:
        close_old_connections()
        try:
            func(*args)
        except Exception:  # the job records its own failure; this keeps the thread's trace
            logger.exception("background job %s failed", getattr(func, "__name__", func))
        finally:
            connections.close_all()

    threading.Thread(target=job, daemon=False, name=f"yj-{func.__name__}").start()
