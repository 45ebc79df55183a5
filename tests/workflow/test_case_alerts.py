"""Case alerts as Cardiff had them: raised on one case or several, numbered within the
inspection, confirmed by the lead (the deadline is the framework's for the severity; the
service's managers and the board's chair are told), answered by an urgent action plan that the
lead returns or accepts and follows until every action is done, reminded, flagged when
overdue, closed, with every step in the alert's history and only counts and themes in the
report."""

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
        cases=[case],
        themes=["safeguarding"],
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
            "cases": [case.pk],
            "kind": "child_safety",
            "severity": "high",
            "themes": ["safeguarding", "information_sharing"],
            "found": "Exploitation risk not acted on",
        },
    )
    alert = CaseAlert.objects.get()
    assert response.url == f"/inspections/{case.inspection_id}/alerts/{alert.pk}/"
    assert (alert.state, list(alert.cases.all()), alert.number) == ("raised", [case], 1)
    assert alert.themes == ["safeguarding", "information_sharing"]
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
    hours = raised.inspection.framework.alert_response_hours["critical"]
    assert raised.response_due - raised.confirmed_at == timedelta(hours=hours)
    assert Notification.objects.filter(user=mona).count() == 1
    assert mail.outbox[0].to == ["mona@cwmafon.example"]
    assert "Urgent action plan needed by" in mail.outbox[0].subject


def _client(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def _plan_page(client, alert, data):
    return client.post(
        f"/inspections/{alert.inspection_id}/alerts/{alert.pk}/", data, follow=True
    ).content.decode()


def _add(client, alert, text, owner="Head of Service", due=None):
    due = due or timezone.localdate() + timedelta(days=3)
    return _plan_page(
        client,
        alert,
        {
            "action": "add_action",
            "new-text": text,
            "new-owner": owner,
            "new-due": due.strftime("%d/%m/%Y"),
        },
    )


def test_the_plan_is_returned_once_then_accepted_followed_until_done_and_closed(
    raised, alice, mona
):
    alerts.confirm(alice, raised)
    manager, lead = _client(mona), _client(alice)  # two people, two browsers
    # Nothing to send until the plan has an action; a past due date is refused by its field.
    page = _plan_page(manager, raised, {"action": "send_plan", "summary": "x", "version": 1})
    assert "Add at least one action to the plan before sending it" in page
    yesterday = timezone.localdate() - timedelta(days=1)
    page = _add(manager, raised, "Review the safety plan", due=yesterday)
    assert "The due date must be today or later" in page
    page = _add(manager, raised, "Review the safety plan", owner="Team manager, YJS")
    assert "Action added to the plan" in page and "Team manager, YJS" in page
    page = _plan_page(
        manager, raised, {"action": "send_plan", "summary": "Plan under way", "version": 1}
    )
    assert "Urgent action plan sent to the lead inspector" in page
    assert Notification.objects.filter(user=alice, text__startswith="Urgent action plan to review")

    # Returned without a reason: refused. With reasons: the service sees them, a new deadline.
    page = _plan_page(lead, raised, {"action": "review", "decision": "return", "version": 2})
    assert "Say why the plan is returned" in page
    page = _plan_page(
        lead,
        raised,
        {"action": "review", "decision": "return", "reasons": "Police not involved", "version": 2},
    )
    raised.refresh_from_db()
    assert raised.state == "returned" and raised.response_due > timezone.now()
    told = Notification.objects.get(user=mona, text__startswith="Urgent action plan returned")
    assert "send it again by" in told.text
    assert "Police not involved" in manager.get(told.link).content.decode()

    _add(manager, raised, "Share missing episodes with the police", owner="DI, Police")
    _plan_page(manager, raised, {"action": "send_plan", "summary": "Police now in", "version": 3})
    _plan_page(lead, raised, {"action": "review", "decision": "accept", "version": 4})
    raised.refresh_from_db()
    assert raised.state == "accepted"

    # Followed until done: closing waits for every action; done needs evidence.
    page = _plan_page(lead, raised, {"action": "close", "note": "ok", "version": 5})
    assert "2 actions of the plan are not done yet" in page
    first, second = raised.actions.all()
    page = _plan_page(
        manager,
        raised,
        {
            "action": "progress",
            "item": first.pk,
            f"action{first.pk}-status": "done",
            f"action{first.pk}-evidence": "",
            f"action{first.pk}-version": 0,
        },
    )
    assert "Give the evidence that the action is done" in page
    for item in (first, second):
        _plan_page(
            manager,
            raised,
            {
                "action": "progress",
                "item": item.pk,
                f"action{item.pk}-status": "done",
                f"action{item.pk}-evidence": "Minutes of the meeting",
                f"action{item.pk}-version": 0,
            },
        )
    page = _plan_page(lead, raised, {"action": "close", "note": "Risk dealt with", "version": 5})
    raised.refresh_from_db()
    assert (raised.state, raised.closing_note) == ("closed", "Risk dealt with")
    history = page[page.index("History") :]
    steps = [
        "Raised",
        "Confirmed and sent to the service",
        "Urgent action plan sent",
        "Urgent action plan returned",
        "Urgent action plan accepted",
        "Closed",
    ]
    assert all(step in history for step in steps)
    assert [history.index(step) for step in steps] == sorted(history.index(step) for step in steps)
    assert "alice" in history and "mona" in history and "ian" in history


def test_an_accepted_plan_keeps_its_actions_and_only_their_progress_changes(raised, alice, mona):
    from django.core.exceptions import ValidationError

    alerts.confirm(alice, raised)
    action = alerts.add_action(
        mona,
        raised,
        text="Review",
        owner="Head of Service",
        due=timezone.localdate() + timedelta(days=1),
    )
    alerts.send_plan(mona, raised, "Done soon")
    alerts.review_plan(alice, raised, accept=True)
    with pytest.raises(ValidationError, match="only an action's status and evidence"):
        alerts.change_action(mona, action, status="in_progress", evidence="", text="Other")
    with pytest.raises(ValidationError, match="while the plan is being written"):
        alerts.add_action(mona, raised, text="More", owner="x", due=timezone.localdate())
    with pytest.raises(ValidationError, match="while the plan is being written"):
        alerts.remove_action(mona, action)
    alerts.change_action(mona, action, status="in_progress", evidence="Started")
    action.refresh_from_db()
    assert (action.status, action.text) == ("in_progress", "Review")


def test_only_the_services_manager_answers_and_only_the_lead_confirms_and_decides(
    raised, ian, alice, mona
):
    from django.core.exceptions import PermissionDenied, ValidationError

    alerts.confirm(alice, raised)
    with pytest.raises(ValidationError, match="Only the service"):
        alerts.add_action(ian, raised, text="x", owner="y", due=timezone.localdate())
    alerts.add_action(mona, raised, text="x", owner="y", due=timezone.localdate())
    with pytest.raises(ValidationError, match="Only the service"):
        alerts.send_plan(ian, raised, "An inspector cannot answer for the service")
    alerts.send_plan(mona, raised, "Plan")
    with pytest.raises(PermissionDenied):
        alerts.review_plan(mona, raised, accept=True)
    other = alerts.raise_alert(
        ian,
        raised.inspection,
        kind="organisational",
        severity="medium",
        themes=["management_oversight"],
        found="Risk underestimated across cases",
    )
    with pytest.raises(PermissionDenied):
        alerts.confirm(ian, other)


def test_severity_sets_the_deadline_from_the_framework_and_the_board_chair_is_told(
    sampled, case, ian, alice, mona, service, django_capture_on_commit_callbacks
):
    from yjinspect.services.models import BoardMember

    BoardMember.objects.create(
        service=service,
        name="Dr A. Morgan",
        board_role="Chair",
        organisation="Council",
        email="chair@cwmafon.example",
        chair=True,
    )
    hours = sampled.framework.alert_response_hours
    assert hours["critical"] < hours["high"] < hours["medium"]  # from the framework's data
    for severity in ("critical", "high", "medium"):
        alert = alerts.raise_alert(
            ian,
            sampled,
            cases=[case],
            kind="child_safety",
            severity=severity,
            themes=["safeguarding"],
            found="x",
        )
        with django_capture_on_commit_callbacks(execute=True):
            alerts.confirm(alice, alert)
        assert alert.response_due - alert.confirmed_at == timedelta(hours=hours[severity])
        assert "chair@cwmafon.example" in alert.sent_to
    assert [a.number for a in CaseAlert.objects.order_by("number")] == [1, 2, 3]
    to_chair = [m for m in mail.outbox if m.to == ["chair@cwmafon.example"]]
    assert len(to_chair) == 3 and "For the board" in to_chair[0].subject


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


def test_an_organisation_wide_alert_may_cite_several_cases_and_a_case_alert_needs_one(
    ian, sampled, case
):
    from django.core.exceptions import ValidationError

    three = list(SampledCase.objects.filter(inspection=sampled)[:3])
    alert = alerts.raise_alert(
        ian,
        sampled,
        cases=three,
        kind="organisational",
        severity="high",
        themes=["safeguarding", "public_protection"],
        found="NRM referrals not made in three cases",
    )
    assert alert.cases.count() == 3
    assert "3 cases" in alerts._description(alert) or "whole service" in alerts._description(alert)
    with pytest.raises(ValidationError, match="Choose the case or cases"):
        alerts.raise_alert(
            ian,
            sampled,
            kind="child_safety",
            severity="high",
            themes=["safeguarding"],
            found="x",
        )
    with pytest.raises(ValidationError, match="at least one theme"):
        alerts.raise_alert(
            ian,
            sampled,
            cases=[case],
            kind="child_safety",
            severity="high",
            themes=[],
            found="x",
        )


def test_the_raise_form_names_every_problem_and_raises_nothing(ian, case, as_user):
    page = (
        as_user(ian)
        .post(
            f"/inspections/{case.inspection_id}/alerts/",
            {"cases": ["999999"], "kind": "child_safety", "severity": "severe", "found": ""},
        )
        .content.decode()
    )
    for problem in (
        "Choose cases from this inspection",
        "Select a valid choice",
        "Choose at least one theme",
        "Describe what was found",
    ):
        assert problem in page
    assert not CaseAlert.objects.exists()


def test_the_report_counts_the_alerts_and_their_themes_and_names_no_case(
    raised, alice, ian, mona, sampled, case
):
    from yjinspect.reports.services import render_html

    alerts.confirm(alice, raised)
    alerts.raise_alert(  # never sent: not in the report
        ian,
        sampled,
        cases=[case],
        kind="child_safety",
        severity="high",
        themes=["public_protection"],
        found="x",
    )
    html = render_html(sampled, "en")
    section = html[html.index("Case alerts") : html.index("Caseload profile")]
    assert "Inspectors raised 1 alert with the service" in section
    assert '<td>Safeguarding</td><td class="num">1</td>' in section
    assert "Public protection" not in section
    assert case.case.case_ref not in html
    welsh = render_html(sampled, "cy")
    assert "Diogelu" in welsh


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
    alerts.add_action(staff, raised, text="Safety plan", owner="sam", due=timezone.localdate())
    alerts.send_plan(staff, raised, "Safety plan updated today.")
    raised.refresh_from_db()
    assert raised.state == "responded"
