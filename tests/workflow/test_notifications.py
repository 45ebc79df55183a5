"""Notices reach people in their own language, e-mail goes through the queue with the change
that caused it, and scheduled reminders run once per slot however many workers there are."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.core import mail

from yjinspect.accounts.models import Profile
from yjinspect.alerts import services as alerts
from yjinspect.cases.models import SampledCase
from yjinspect.jobs.models import ScheduledRun
from yjinspect.jobs.queue import run_schedule
from yjinspect.notifications.models import Notification

from ..conftest import _person


def test_choosing_welsh_is_remembered_for_notices(as_user, mona):
    as_user(mona).post("/i18n/setlang/", {"language": "cy", "next": "/"})
    assert Profile.objects.get(user=mona).language == "cy"


def test_an_alert_reaches_a_welsh_speaking_manager_in_welsh(
    sampled, alice, mona, django_capture_on_commit_callbacks
):
    Profile.objects.filter(user=mona).update(language="cy")
    mona.email = "mona@cwmafon.example"
    mona.save()
    case = SampledCase.objects.filter(inspection=sampled).first()
    alert = alerts.raise_alert(
        alice,
        sampled,
        cases=[case],
        themes=["safeguarding"],
        kind="child_safety",
        severity="high",
        found="x",
    )
    with django_capture_on_commit_callbacks(execute=True):
        alerts.confirm(alice, alert, recipient=_person("sam", "service_staff", sampled.service))
    notice = Notification.objects.get(user=mona)
    assert notice.text.startswith("Angen cynllun gweithredu brys erbyn")
    assert mail.outbox[0].subject.startswith("yjinspect: Angen cynllun gweithredu brys erbyn")
    # The person named beside her kept English, and is told in English.
    told = Notification.objects.get(user__username="sam")
    assert told.text.startswith("Urgent action plan needed")


def test_a_scheduled_job_runs_once_per_slot_however_many_workers_ask(db):
    moment = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
    first = run_schedule(moment)
    daily = {"improvement-action reminders", "expire unconfirmed caseload uploads"}
    assert set(first) == {"case-alert reminders", *daily}
    assert run_schedule(moment + timedelta(seconds=30)) == []  # another worker, same slot
    later = run_schedule(moment + timedelta(minutes=5))
    assert later == ["case-alert reminders"]  # the daily one waits for its next day
    assert ScheduledRun.objects.count() == 4
