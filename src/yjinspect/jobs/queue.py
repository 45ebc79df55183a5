"""Background work that survives a dead process: a queue in the database, workers, leases.

Jobs (publishing a report, importing a large caseload, sending e-mail, reminders) are Django
tasks (``django_tasks``) kept in the database by ``django_tasks_db``: no broker to run, the same
on SQLite and PostgreSQL, and a job row is committed together with the change that asked for
it, so a job is never lost or run for a change that was rolled back. ``yjinspect worker``
runs them; ``yjinspect serve`` (and so ``scripts/run``) starts one beside the web server.

The queue does not notice a worker that died mid-job, so our own long jobs hold a lease: while
one runs, a heartbeat renews it every few seconds; a job whose lease has lapsed is reaped
(``reap``), by any worker and by the page that shows the job, and marked failed or ready to
retry with its reason, never left "running" for ever.

YJ_TASKS_EAGER=true runs each job at once in the caller (tests, the demonstration data).
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, close_old_connections, connections, transaction
from django.utils import timezone

logger = logging.getLogger(__name__)

# Reapers, registered by the apps whose jobs hold leases: each marks its own abandoned jobs
# (lease lapsed before ``stale_before``) and returns how many.
Reaper = Callable[[datetime], int]
_reapers: dict[str, Reaper] = {}


def lease_seconds() -> float:
    return float(getattr(settings, "YJ_JOB_LEASE_SECONDS", 60))


def reaper(name: str) -> Callable[[Reaper], Reaper]:
    def register(function: Reaper) -> Reaper:
        _reapers[name] = function
        return function

    return register


def reap(now: datetime | None = None) -> int:
    """Mark every job whose lease has lapsed as abandoned; return how many were."""
    stale_before = (now or timezone.now()) - timedelta(seconds=lease_seconds())
    return sum(function(stale_before) for function in _reapers.values())


def enqueue_with_change(task: Any, *args: Any) -> None:
    """Queue a job as part of the current change. In the database queue the job row is
    written in the same transaction, so a rolled-back change queues nothing and a committed
    one cannot lose its job; run at once (eager), it waits for the commit to run."""
    if getattr(settings, "YJ_TASKS_EAGER", False):
        transaction.on_commit(lambda: task.enqueue(*args))
    else:
        task.enqueue(*args)


def step_pause() -> None:
    """Between a long job's steps: a pause, when YJ_JOB_STEP_DELAY asks for one (to watch the
    progress in a demonstration, and for the tests that stop a worker mid-job)."""
    delay = float(getattr(settings, "YJ_JOB_STEP_DELAY", 0))
    if delay:
        time.sleep(delay)


@contextlib.contextmanager
def heartbeat(renew: Callable[[datetime], Any]) -> Iterator[None]:
    """Renew a job's lease every quarter-lease while the block runs (renew(now) saves it)."""
    renew(timezone.now())
    if getattr(settings, "YJ_TASKS_EAGER", False):
        yield  # in the caller's own thread and transaction: nothing can lapse
        return
    stop = threading.Event()

    def beat() -> None:
        try:
            while not stop.wait(lease_seconds() / 4):
                try:
                    renew(timezone.now())
                except Exception:  # a busy database: the next beat tries again
                    logger.warning("could not renew a job's lease", exc_info=True)
                close_old_connections()
        finally:
            connections.close_all()

    thread = threading.Thread(target=beat, name="yj-heartbeat", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


# ---- Scheduled jobs ----------------------------------------------------------------------
# (name, every so many seconds, the task to enqueue). Each slot of time runs once, whichever
# worker reaches it first: the ScheduledRun row for the slot is the claim.
Schedule = tuple[str, int, Any]
_schedule: list[Schedule] = []


def every(seconds: int, name: str) -> Callable[[Any], Any]:
    """Register a task to be enqueued every ``seconds`` by the workers' scheduler."""

    def register(task: Any) -> Any:
        _schedule.append((name, seconds, task))
        return task

    return register


def run_schedule(now: datetime | None = None) -> list[str]:
    """Enqueue each scheduled task whose slot has come and is not yet claimed."""
    from .models import ScheduledRun

    moment = now or timezone.now()
    started = []
    for name, seconds, task in _schedule:
        slot = int(moment.timestamp() // seconds)
        try:
            with transaction.atomic():
                ScheduledRun.objects.create(name=name, slot=slot)
                task.enqueue()
        except IntegrityError:
            continue  # another worker has it
        started.append(name)
    return started


def housekeeping_loop(stop: threading.Event, interval: float = 10.0) -> None:
    """The worker's second thread: reap abandoned jobs and start scheduled ones."""
    while not stop.is_set():
        try:
            close_old_connections()
            if reaped := reap():
                logger.warning("marked %s abandoned job(s) as failed or ready to retry", reaped)
            run_schedule()
        except Exception:  # keep going: the next round may find the database back
            logger.exception("housekeeping failed")
        stop.wait(interval)
    connections.close_all()
