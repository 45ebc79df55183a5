"""Case alerts: raised from a case, confirmed by the lead, answered by the service manager by
the framework's deadline, reminded, flagged when overdue, closed, all kept on record."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from yjinspect.alerts import services as alerts
from yjinspect.alerts.models import CaseAlert
from yjinspect.audit.models import AuditEvent
from yjinspect.cases.models import SampledCase
from yjinspect.notifications.models import Notification


@pytest.fixture
def case(sampled, ian):
    return SampledCase.objects.filter(inspection=sampled, assessor=ian).first()


@pytest.fixture
def raised(case, ian):
    return alerts.raise_alert(
        ian,
        case.inspection,
        sampled_case=case,
        kind="child_safety",
        severity="critical",
        found="Missing episodes not shared with police",
    )


def test_an_inspector_raises_an_alert_from_a_case_and_the_lead_is_told(as_user, ian, case, alice):
    client = as_user(ian)
    form = client.get(f"/inspections/{case.inspection_id}/alerts/?case={case.pk}").content.decode()
    assert f"Raise an alert on case {case.case.case_ref}" in form
    response = client.post(
        f"/inspections/{case.inspection_id}/alerts/",
        {
            "case": case.pk,
            "kind": "child_safety",
            "severity": "high",
            "found": "Exploitation risk not acted on",
        },
    )
    alert = CaseAlert.objects.get()
    assert response.url == f"/inspections/{case.inspection_id}/alerts/{alert.pk}/"
    assert (alert.state, alert.sampled_case) == ("raised", case)
    assert Notification.objects.filter(user=alice, link__endswith=f"/alerts/{alert.pk}/").exists()
    assert AuditEvent.objects.filter(action="alert.raised").exists()


def test_confirming_starts_the_frameworks_clock_and_tells_the_manager_by_email(
    raised, alice, mona, as_user, django_capture_on_commit_callbacks
):
    mona.email = "mona@cwmafon.example"
    mona.save()
    with django_capture_on_commit_callbacks(execute=True):
        page = as_user(alice).post(
            f"/inspections/{raised.inspection_id}/alerts/{raised.pk}/",
            {"action": "confirm", "version": 0},
            follow=True,
        )
    assert "Alert sent to the service: mona" in page.content.decode()
    raised.refresh_from_db()
    assert raised.state == "confirmed"
    hours = raised.inspection.framework.alert_first_response_hours
    assert raised.response_due - raised.confirmed_at == timedelta(hours=hours)
    assert Notification.objects.filter(user=mona).count() == 1
    assert mail.outbox[0].to == ["mona@cwmafon.example"]
    assert "Urgent action needed by" in mail.outbox[0].subject


def test_the_manager_responds_and_the_lead_closes_with_everything_kept(
    raised, alice, mona, as_user
):
    alerts.confirm(alice, raised)
    manager = as_user(mona)
    url = f"/inspections/{raised.inspection_id}/alerts/{raised.pk}/"
    page = manager.post(
        url, {"action": "respond", "urgent_action": " ", "version": 1}
    ).content.decode()
    assert "Describe the urgent action taken or planned" in page
    raised.refresh_from_db()
    assert raised.state == "confirmed"  # nothing sent
    manager.post(
        url,
        {
            "action": "respond",
            "urgent_action": "Strategy meeting held today; safety plan in place",
            "version": 1,
        },
    )
    raised.refresh_from_db()
    assert raised.state == "responded"
    as_user(alice).post(url, {"action": "close", "note": "Plan is adequate", "version": 2})
    raised.refresh_from_db()
    assert (raised.state, raised.closing_note) == ("closed", "Plan is adequate")
    page = as_user(alice).get(url).content.decode()
    assert "Strategy meeting held today" in page and "Plan is adequate" in page


def test_only_the_services_manager_responds_and_only_the_lead_confirms(raised, ian, alice, mona):
    from django.core.exceptions import PermissionDenied, ValidationError

    alerts.confirm(alice, raised)
    with pytest.raises(ValidationError, match="Only the service"):
        alerts.respond(ian, raised, "An inspector cannot answer for the service")
    other = alerts.raise_alert(
        ian,
        raised.inspection,
        kind="organisational",
        severity="medium",
        found="Risk underestimated across cases",
    )
    with pytest.raises(PermissionDenied):
        alerts.confirm(ian, other)


def test_an_overdue_alert_is_flagged_on_the_overview_and_the_list(raised, alice, mona, as_user):
    alerts.confirm(alice, raised, now=timezone.now() - timedelta(days=2))
    client = as_user(alice)
    overview = client.get(f"/inspections/{raised.inspection_id}/").content.decode()
    assert "1 case alert is overdue for a response." in overview
    listing = client.get(f"/inspections/{raised.inspection_id}/alerts/").content.decode()
    assert "Overdue" in listing


def test_reminders_go_once_before_and_once_after_the_deadline(raised, alice, mona):
    start = timezone.now()
    alerts.confirm(alice, raised, now=start)
    due = start + timedelta(hours=24)
    assert alerts.send_reminders(now=due - timedelta(hours=10)) == 0  # too early
    assert alerts.send_reminders(now=due - timedelta(hours=3)) == 1
    assert alerts.send_reminders(now=due - timedelta(hours=2)) == 0  # only once
    assert Notification.objects.filter(user=mona, text__startswith="Reminder").count() == 1
    assert alerts.send_reminders(now=due + timedelta(minutes=5)) == 1
    assert Notification.objects.filter(user=mona, text__startswith="Overdue").count() == 1
    assert alerts.send_reminders(now=due + timedelta(hours=5)) == 0
    assert "0 reminders sent" in call_command("send_alert_reminders")
    reminded = AuditEvent.objects.filter(action="alert.reminded").first()
    assert reminded is not None and reminded.details["sent_to"] == "mona, alice"


def test_a_reminder_that_would_reach_nobody_tells_the_lead(raised, alice, mona):
    start = timezone.now()
    alerts.confirm(alice, raised, now=start)
    mona.is_active = False  # the manager has left since the alert was sent
    mona.save()
    assert alerts.send_reminders(now=start + timedelta(hours=21)) == 1
    told = Notification.objects.get(user=alice, text__startswith="Nobody at the service")
    assert f"/alerts/{raised.pk}/" in told.link


def test_an_organisation_wide_alert_has_no_case_and_a_case_alert_needs_one(ian, sampled, case):
    alert = alerts.raise_alert(
        ian,
        sampled,
        kind="organisational",
        severity="high",
        found="NRM referrals not made in three cases",
    )
    assert alert.sampled_case is None
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        alerts.raise_alert(ian, sampled, kind="child_safety", severity="high", found="x")
    with pytest.raises(ValidationError):
        alerts.raise_alert(
            ian, sampled, sampled_case=case, kind="organisational", severity="high", found="x"
        )


def test_notifications_are_listed_and_marked_read(raised, alice, as_user):
    client = as_user(alice)
    page = client.get("/notifications/").content.decode()
    assert "To confirm:" in page and "New" in page
    assert "Notifications (1)" in client.get("/inspections/").content.decode()
    client.post("/notifications/")
    assert not Notification.objects.filter(user=alice, read_at__isnull=True).exists()


def test_an_alert_nobody_at_the_service_could_receive_is_not_sent_until_someone_is_named(
    raised, alice, as_user, django_capture_on_commit_callbacks
):
    # The service has no manager with an account (Mona's fixture is not used here).
    client = as_user(alice)
    url = f"/inspections/{raised.inspection_id}/alerts/{raised.pk}/"
    page = client.get(url).content.decode()
    assert "nobody would receive this alert" in page
    refused = client.post(url, {"action": "confirm", "version": 0}).content.decode()
    assert "Nobody at the service can receive this alert" in refused
    raised.refresh_from_db()
    assert (raised.state, raised.response_due) == ("raised", None)
    assert not Notification.objects.filter(text__startswith="Urgent").exists()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url,
            {"action": "confirm", "version": 0, "recipient_email": "duty@cwmafon.example"},
        )
    raised.refresh_from_db()
    assert (raised.state, raised.sent_to) == ("confirmed", "duty@cwmafon.example")
    assert mail.outbox[0].to == ["duty@cwmafon.example"]
    assert "Sent to" in client.get(url).content.decode()
    event = AuditEvent.objects.get(action="alert.confirmed")
    assert event.details["sent_to"] == "duty@cwmafon.example"


def test_a_named_person_of_the_service_receives_the_alert_and_may_answer_it(
    raised, alice, as_user, service
):
    from ..conftest import _person

    staff = _person("sam", "service_staff", service=service)
    alerts.confirm(alice, raised, recipient=staff)
    assert raised.sent_to == "sam"
    assert Notification.objects.filter(user=staff).count() == 1
    alerts.respond(staff, raised, "Safety plan updated today.")
    raised.refresh_from_db()
    assert raised.state == "responded"
