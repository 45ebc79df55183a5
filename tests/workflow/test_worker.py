"""Background work survives a dead process: a real `yjinspect worker` is killed (SIGKILL, by
its process id) in the middle of publishing and of a caseload import. Nothing partial is
visible, the abandoned job is reported with its reason instead of "running" for ever, and a
retry with a fresh worker succeeds. On SQLite and PostgreSQL alike."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from yjinspect.cases import caseload
from yjinspect.cases.models import Case, CaseloadImport, StagedCase
from yjinspect.findings import services as findings
from yjinspect.jobs.queue import reap
from yjinspect.reports import services as reports
from yjinspect.reports.models import PublishedReport, PublishJob

from ..conftest import ready_to_publish

pytestmark = pytest.mark.django_db(transaction=True)
QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def real_queue(settings):
    """Jobs go to the database queue, as in production, instead of running at once."""
    settings.YJ_TASKS_EAGER = False
    settings.TASKS = QUEUE


def database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    user = db.get("USER") or "postgres"
    return (
        f"postgres://{user}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"
    )


@contextmanager
def worker(step_delay: float = 0) -> Iterator[subprocess.Popen]:
    command = shutil.which("yjinspect", path=os.path.dirname(sys.executable)) or "yjinspect"
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "YJ_TASKS_EAGER": "false",
        "YJ_JOB_STEP_DELAY": str(step_delay),
    }
    process = subprocess.Popen(
        [command, "worker", "--interval", "0.1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield process
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(30)


def wait_for(condition: Callable[[], bool], seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError("timed out waiting for the worker")


def kill(process: subprocess.Popen) -> None:
    os.kill(process.pid, signal.SIGKILL)
    process.wait(30)


def after_the_lease():
    return timezone.now() + timedelta(seconds=61)


def test_a_worker_killed_mid_publish_publishes_nothing_and_a_retry_does(
    sampled, alice, as_user, real_queue
):
    findings.add_recommendation(
        alice,
        sampled,
        body="board",
        body_name="Cwm Afon Management Board",
        text="Set a vision",
        standards=["1.1"],
    )
    ready_to_publish(sampled, alice)
    job = reports.start_publishing(alice, sampled)
    with worker(step_delay=3) as process:
        wait_for(lambda: PublishJob.objects.get(pk=job.pk).steps_done >= 1)
        kill(process)
    sampled.refresh_from_db()
    assert not PublishedReport.objects.exists()
    assert (sampled.status, sampled.published_ratings) == ("factual_accuracy", None)
    assert PublishJob.objects.get(pk=job.pk).state == "running"  # nobody has noticed yet

    assert reap(after_the_lease()) == 1
    page = as_user(alice).get(f"/inspections/{sampled.pk}/report/").content.decode()
    assert "The worker stopped while publishing" in page
    assert "Publish a new version" in page  # offered again

    retry = reports.start_publishing(alice, sampled)
    with worker():
        wait_for(lambda: PublishJob.objects.get(pk=retry.pk).state != "running")
    assert PublishJob.objects.get(pk=retry.pk).state == "done"
    assert PublishedReport.objects.filter(version=1).count() == 2
    sampled.refresh_from_db()
    assert sampled.status == "published"


def test_a_worker_killed_mid_import_imports_nothing_and_a_retry_does(
    inspection, alice, caseload_file, as_user, real_queue
):
    rows = caseload.BACKGROUND_ROWS + 500
    upload = caseload_file(rows=rows)
    checked = caseload.check_upload(alice, inspection, upload.name, upload)
    caseload.confirm_import(alice, checked)
    with worker(step_delay=30) as process:
        wait_for(lambda: CaseloadImport.objects.get(pk=checked.pk).heartbeat_at is not None)
        time.sleep(2)  # well into the transaction: the rows are inserted, not committed
        kill(process)
    assert Case.objects.count() == 0
    assert CaseloadImport.objects.get(pk=checked.pk).state == "importing"

    assert reap(after_the_lease()) == 1
    page = (
        as_user(alice).get(f"/inspections/{inspection.pk}/caseload/{checked.pk}/").content.decode()
    )
    assert "The import stopped before it finished" in page
    assert f"Import {rows} cases" in page  # offered again
    assert StagedCase.objects.filter(upload_id=checked.pk).count() == rows

    caseload.confirm_import(alice, CaseloadImport.objects.get(pk=checked.pk))
    with worker():
        wait_for(lambda: CaseloadImport.objects.get(pk=checked.pk).state != "importing")
    assert CaseloadImport.objects.get(pk=checked.pk).state == "done"
    assert Case.objects.count() == rows
    assert not StagedCase.objects.exists()
