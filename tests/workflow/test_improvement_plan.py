"""The improvement plan: the service's actions against each recommendation after publication,
progress seen by the inspectorate, overdue flags, exports and reminders."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from openpyxl import load_workbook

from yjinspect.findings import services as findings
from yjinspect.notifications.models import Notification
from yjinspect.plans import services as plans
from yjinspect.plans.models import ImprovementAction

from ..conftest import publish_now

# A due date a year on: in the future whenever the tests run.
LATER = date.today() + timedelta(days=365)


@pytest.fixture
def recommendation(sampled, alice):
    return findings.add_recommendation(
        alice,
        sampled,
        body="board",
        body_name="Cwm Afon Management Board",
        text="Give the board the data it needs.",
        standards=["1.1"],
    )


@pytest.fixture
def published(recommendation, alice):
    publish_now(recommendation.inspection, alice)
    return recommendation


def test_the_plan_starts_only_after_publication(recommendation, mona):
    with pytest.raises(ValidationError, match="not possible at the Fieldwork stage"):
        plans.add_action(
            mona,
            recommendation,
            action="Monthly data pack",
            owner="Head of Service",
            due=date(2025, 1, 31),
        )


def test_the_manager_adds_an_action_and_records_progress(published, mona, as_user, alice):
    client = as_user(mona)
    url = f"/inspections/{published.inspection_id}/plan/"
    client.post(
        url,
        {
            "recommendation": published.pk,
            "action": "Monthly data pack to the board",
            "owner": "Head of Service",
            "due": LATER.strftime("%d/%m/%Y"),
        },
    )
    item = ImprovementAction.objects.get()
    assert (item.owner, item.due) == ("Head of Service", LATER)
    page = client.post(
        f"{url}{item.pk}/", {"status": "done", "evidence": "", "version": 0}
    ).content.decode()
    assert "Give the evidence that the action is done" in page
    client.post(
        f"{url}{item.pk}/", {"status": "done", "evidence": "Pack presented in March", "version": 0}
    )
    inspectorate_view = as_user(alice).get(url).content.decode()
    assert (
        "1 of 1 actions done" in inspectorate_view
        and "Pack presented in March" in inspectorate_view
    )


def test_an_overdue_action_is_flagged(published, mona, as_user, alice):
    plans.add_action(
        mona,
        published,
        action="Fill the health post",
        owner="Board chair",
        due=date.today() - timedelta(days=1),
    )
    page = as_user(alice).get(f"/inspections/{published.inspection_id}/plan/").content.decode()
    assert "1 overdue" in page and "Overdue" in page


def test_the_plan_exports_as_csv_and_excel(published, mona, as_user):
    plans.add_action(
        mona, published, action="Monthly data pack", owner="Head of Service", due=LATER
    )
    client = as_user(mona)
    text = client.get(f"/inspections/{published.inspection_id}/plan.csv").content.decode()
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["recommendation", "addressed_to", "action"]
    assert rows[1][:5] == [
        "1",
        "Cwm Afon Management Board",
        "Monthly data pack",
        "Head of Service",
        LATER.isoformat(),
    ]
    book = load_workbook(
        io.BytesIO(client.get(f"/inspections/{published.inspection_id}/plan.xlsx").content)
    )
    assert book.active["C2"].value == "Monthly data pack"


PAYLOADS = ['=HYPERLINK("http://x.example","Click")', "+cmd|' /C calc'!A0", "@SUM(1+1)"]


def test_exports_never_carry_a_live_formula(published, mona, as_user):
    for payload in PAYLOADS:
        plans.add_action(mona, published, action=payload, owner="-2+3", due=LATER)
    client = as_user(mona)
    text = client.get(f"/inspections/{published.inspection_id}/plan.csv").content.decode()
    rows = list(csv.reader(io.StringIO(text)))[1:]
    assert sorted(r[2] for r in rows) == sorted("'" + p for p in PAYLOADS)
    assert {r[3] for r in rows} == {"'-2+3"}
    book = load_workbook(
        io.BytesIO(client.get(f"/inspections/{published.inspection_id}/plan.xlsx").content)
    )
    cells = [book.active.cell(row=n, column=3) for n in range(2, 2 + len(PAYLOADS))]
    assert sorted(c.value for c in cells) == sorted(PAYLOADS)  # shown as typed...
    assert {c.data_type for c in cells} == {"s"}  # ...as text, not a formula


def test_owners_are_reminded_once_before_the_due_date(published, mona):
    item = plans.add_action(
        mona, published, action="Monthly data pack", owner="Head of Service", due=date(2030, 6, 30)
    )
    assert plans.send_reminders(today=date(2030, 6, 1)) == 0
    assert plans.send_reminders(today=date(2030, 6, 25)) == 1
    assert plans.send_reminders(today=date(2030, 6, 26)) == 0
    assert (
        Notification.objects.filter(user=mona, text__startswith="Improvement action due").count()
        == 1
    )
    item.refresh_from_db()
    assert item.reminded


def test_someone_outside_the_service_cannot_write_the_plan(published, ian):
    with pytest.raises(ValidationError, match="Only the service"):
        plans.add_action(ian, published, action="x", owner="y", due=LATER)


def test_reminders_go_to_the_named_owner_when_there_is_one(published, mona, service):
    from tests.conftest import _person

    staff = _person("sam", "service_staff", service=service)
    plans.add_action(
        mona,
        published,
        action="Recruit a health worker",
        owner="Sam",
        due=date(2030, 6, 30),
        owner_user=staff,
    )
    assert plans.send_reminders(today=date(2030, 6, 25)) == 1
    assert Notification.objects.filter(user=staff).count() == 1
    assert not Notification.objects.filter(user=mona, text__startswith="Improvement").exists()


def test_reminders_cannot_go_to_someone_outside_the_service(published, mona, ian):
    with pytest.raises(ValidationError, match="someone in the service"):
        plans.add_action(
            mona, published, action="x", owner="y", due=date(2030, 1, 1), owner_user=ian
        )


def test_the_report_compares_the_sample_with_the_eligible_cases(published, as_user, alice):
    page = as_user(alice).get(f"/inspections/{published.inspection_id}/report/draft/?lang=en")
    text = page.content.decode()
    assert "How the sample compares with the eligible cases: court" in text
    assert "type of disposal: referral order" in text or "type of disposal: youth" in text


def test_an_implausible_due_date_is_refused(published, mona):
    for due in (date(1900, 1, 1), date.today() + timedelta(days=365 * 7)):
        with pytest.raises(ValidationError, match="Enter a due date between"):
            plans.add_action(mona, published, action="x", owner="y", due=due)
    assert not ImprovementAction.objects.exists()


def test_a_partners_contact_owns_an_action_and_is_reminded_by_email(
    published, mona, django_capture_on_commit_callbacks
):
    from django.core import mail

    from yjinspect.services.models import PartnerContact

    contact = PartnerContact.objects.create(
        service=published.inspection.service,
        name="DI Jones",
        role="Detective Inspector",
        organisation="South Wales Police",
        email="di.jones@police.example",
    )
    soon = date.today() + timedelta(days=3)
    item = plans.add_action(
        mona,
        published,
        action="Share missing episodes",
        owner="DI Jones, South Wales Police",
        due=soon,
        owner_contact=contact,
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert plans.send_reminders() == 1
    assert ["di.jones@police.example"] in [m.to for m in mail.outbox]
    assert Notification.objects.filter(user=mona, text__contains="Share missing").exists()
    item.refresh_from_db()
    assert item.reminded


def test_the_plan_is_signed_off_by_the_board_then_sent_by_its_deadline(
    published, mona, alice, as_user
):
    from yjinspect.plans.models import PlanSubmission
    from yjinspect.services.models import BoardMember

    inspection = published.inspection
    chair = BoardMember.objects.create(
        service=inspection.service,
        name="Dr A. Morgan",
        board_role="Chair",
        organisation="Council",
        chair=True,
    )
    due = plans.submission_due(inspection)
    days = inspection.framework.plan_submit_within_days
    assert due == plans.published_on(inspection) + timedelta(days=days)
    client = as_user(mona)
    url = f"/inspections/{inspection.pk}/plan/"
    page = client.get(url).content.decode()
    assert f"is due by {due.strftime('%d/%m/%Y')}" in page
    refused = client.post(url, {"form": "submit"}, follow=True).content.decode()
    assert "Record the board&#39;s sign-off before sending the plan" in refused
    future = (date.today() + timedelta(days=2)).strftime("%d/%m/%Y")
    page = client.post(
        url, {"form": "board", "board_member": chair.pk, "meeting": future}
    ).content.decode()
    assert "after publication and not in the future" in page
    client.post(
        url,
        {"form": "board", "board_member": chair.pk, "meeting": date.today().strftime("%d/%m/%Y")},
    )
    refused = client.post(url, {"form": "submit"}, follow=True).content.decode()
    assert "Add at least one action for recommendation 1" in refused
    plans.add_action(mona, published, action="Data pack", owner="Head", due=LATER)
    page = client.post(url, {"form": "submit"}, follow=True).content.decode()
    assert "The plan was sent to the inspectorate" in page
    assert "signed off for the board by Dr A. Morgan, Chair" in page
    assert PlanSubmission.objects.get().submitted_by == mona
    assert Notification.objects.filter(user=alice, text__startswith="The improvement plan was sent")
    # The inspectorate sees each recommendation's progress.
    lead_view = as_user(alice).get(url).content.decode()
    assert "Progress by recommendation" in lead_view and "0 of 1" in lead_view
    assert "On track" in lead_view
