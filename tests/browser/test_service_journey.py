"""The service's own side in the browser, from the home page by clicking: a manager adds a
case and allocates it by the first suggestion, records a missing-episode notice and that the
case manager saw it, and opens and downloads the board pack; and every one of these pages
passes the accessibility check in English and Welsh."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from yjinspect.board.models import BoardMeeting
from yjinspect.casework.models import Allocation
from yjinspect.outofcourt.models import Panel, PanelDecision
from yjinspect.safeguarding.models import ExploitationScreening, Notice
from yjinspect.services.models import BoardMember
from yjinspect.staffing.models import Appointment, Post, StaffMember

from ..conftest import service_case
from .conftest import axe_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def own_records(service, mona) -> dict:
    boss = StaffMember.objects.create(
        service=service, name="Aled Price", started_on=date(2020, 1, 1)
    )
    tom = StaffMember.objects.create(
        service=service,
        name="Tom Harris",
        started_on=date(2020, 1, 1),
        line_manager=boss,
        case_manager=True,
        experience_years=8,
        skills=["high_risk"],
    )
    StaffMember.objects.create(
        service=service,
        name="Owen Jenkins",
        started_on=date(2024, 1, 1),
        line_manager=boss,
        case_manager=True,
    )
    post = Post.objects.create(
        service=service,
        title="Case manager 1",
        kind="case_manager",
        agency="Council",
        hours_per_week=37,
        established_on=date(2020, 1, 1),
    )
    Appointment.objects.create(post=post, person=tom, starts_on=date(2020, 1, 1))
    case = service_case(service, "CA-1", starts_on=date(2025, 1, 6), case_manager=tom)
    notice = Notice.objects.create(
        case=case,
        kind="arrest",
        from_agency="Police",
        occurred_at=datetime(2025, 3, 1, 22, tzinfo=UTC),
        received_at=datetime(2025, 3, 2, 9, tzinfo=UTC),
        recorded_by=mona,
    )
    ExploitationScreening.objects.create(
        case=case, screened_on=date(2025, 3, 3), outcome="criminal", recorded_by=mona
    )
    BoardMember.objects.create(
        service=service, name="Dr A. Morgan", board_role="Chair", organisation="Council"
    )
    panel = Panel.objects.create(
        service=service, held_on=date(2025, 3, 5), agencies=["yjs", "police"], recorded_by=mona
    )
    PanelDecision.objects.create(
        panel=panel,
        case=case,
        information=["offence"],
        outcome="youth_caution",
        reason="First offence",
        recorded_by=mona,
    )
    return {"tom": tom, "post": post, "case": case, "notice": notice, "panel": panel}


def test_a_manager_allocates_by_the_suggestion_records_a_notice_and_makes_the_board_pack(
    page: Page, service, mona
):
    own_records(service, mona)
    sign_in(page, "mona")
    page.get_by_role("link", name="Services").click()
    page.get_by_role("link", name=service.name).click()
    page.get_by_role("link", name="Caseload and allocation").click()

    page.get_by_label("Case reference").fill("CA-2")
    page.get_by_role("group", name="Disposal").get_by_label("Court", exact=True).check()
    page.get_by_label("Disposal type").fill("youth rehabilitation order")
    page.get_by_label("Sex").fill("male")
    page.get_by_label("Age").fill("16")
    page.get_by_label("Ethnicity group").fill("white")
    page.get_by_role("group", name="Risk of serious harm").get_by_label("High", exact=True).check()
    page.get_by_role("group", name="Safety and wellbeing concern").get_by_label(
        "Low", exact=True
    ).check()
    page.get_by_label("Started on").fill(date.today().strftime("%d/%m/%Y"))
    page.get_by_role("button", name="Add case and allocate it").click()
    expect(page.get_by_role("heading", name="Case CA-2")).to_be_visible()
    # High risk: Tom has the skill, so he is first and chosen already; Owen lacks it.
    first = page.get_by_label("1. Tom Harris")
    expect(first).to_be_checked()
    expect(page.get_by_text("Lacks: Work with high risk of serious harm")).to_be_visible()
    page.get_by_role("button", name="Allocate", exact=True).click()
    expect(page.get_by_text("CA-2 allocated to Tom Harris")).to_be_visible()
    allocation = Allocation.objects.get(case__case_ref="CA-2")
    assert allocation.practitioner.name == "Tom Harris" and allocation.override_reason == ""

    page.get_by_role("link", name=service.name).click()
    page.get_by_role("link", name="Information about children").click()
    now = timezone.localtime()
    page.get_by_label("Case reference").fill("CA-2")
    page.get_by_label("Missing episode").check()
    page.get_by_label("From", exact=True).fill("Heddlu Cwm Afon Police")
    page.get_by_label("When it happened").fill(
        (now - timedelta(hours=10)).strftime("%d/%m/%Y %H:%M")
    )
    page.get_by_label("When the service received it").fill(
        (now - timedelta(hours=2)).strftime("%d/%m/%Y %H:%M")
    )
    page.get_by_role("button", name="Record the notice").click()
    expect(page.get_by_text("Notice recorded")).to_be_visible()
    page.get_by_role("link", name="CA-2").click()
    expect(page.get_by_label("Seen by")).to_have_value(str(allocation.practitioner.pk))
    page.get_by_label("When they saw it").fill(now.strftime("%d/%m/%Y %H:%M"))
    page.get_by_role("button", name="Record as seen").click()
    expect(page.get_by_text("Recorded as seen")).to_be_visible()
    notice = Notice.objects.get(case__case_ref="CA-2")
    assert notice.seen_by.name == "Tom Harris"

    page.get_by_role("link", name=service.name).click()
    page.get_by_role("link", name="Management board and its data pack").click()
    page.get_by_label("Held on").fill((date.today() - timedelta(days=1)).strftime("%d/%m/%Y"))
    page.get_by_label("Dr A. Morgan").check()
    page.get_by_role("button", name="Record the meeting").click()
    expect(page.get_by_text("Meeting recorded")).to_be_visible()
    assert BoardMeeting.objects.filter(service=service).count() == 1
    page.get_by_role("button", name="Open the board pack").click()
    expect(page.get_by_role("heading", name="Board data pack")).to_be_visible()
    expect(
        page.get_by_role("table", name="Attendance at board meetings in the quarter")
    ).to_be_visible()
    page.go_back()
    with page.expect_download() as download:
        page.get_by_role("link", name="as a PDF").click()
    assert download.value.suggested_filename.startswith("board-pack-")


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_service_pages_have_no_accessibility_violations(page: Page, service, mona, language):
    own = own_records(service, mona)
    pk = service.pk
    paths = [
        f"/services/{pk}/staffing/",
        f"/services/{pk}/staffing/posts/{own['post'].pk}/",
        f"/services/{pk}/staffing/people/{own['tom'].pk}/",
        f"/services/{pk}/caseload/",
        f"/services/{pk}/caseload/{own['case'].pk}/",
        f"/services/{pk}/notices/",
        f"/services/{pk}/notices/{own['notice'].pk}/",
        f"/services/{pk}/exploitation/",
        f"/services/{pk}/out-of-court/",
        f"/services/{pk}/out-of-court/{own['panel'].pk}/",
        f"/services/{pk}/kpis/",
        f"/services/{pk}/interventions/",
        f"/services/{pk}/board/",
        f"/services/{pk}/board/pack/?language={language}",
        f"/services/{pk}/self-assessments/",
    ]
    sign_in(page, "mona")
    if language == "cy":
        page.get_by_role("button", name="Cymraeg").click()
        page.wait_for_selector("html[lang=cy]")
    problems = {}
    for path in paths:
        page.goto(path)
        violations = axe_violations(page)
        if violations:
            problems[path] = violations
    assert problems == {}
