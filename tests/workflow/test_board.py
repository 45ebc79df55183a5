"""The management board as the service's manager keeps it, and the board data pack: figures
as the records stood at the quarter's end, in English and Welsh, as a page, a PDF and from the
command line."""

from __future__ import annotations

import html
import re
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from yjinspect.audit.models import AuditEvent
from yjinspect.board import services
from yjinspect.board.models import BoardMeeting
from yjinspect.boardpack import pack
from yjinspect.quarters import Quarter
from yjinspect.safeguarding import services as safeguarding
from yjinspect.services.models import BoardMember
from yjinspect.staffing import services as staffing

from ..conftest import service_case

Q3 = Quarter(2025, 3)  # 1 July to 30 September 2025


def text(response) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


@pytest.fixture
def members(service):
    return [
        BoardMember.objects.create(service=service, name=name, board_role=role, organisation=org)
        for name, role, org in (
            ("Dr A. Morgan", "Chair", "Council"),
            ("Dr S. Price", "Member", "Health board"),
        )
    ]


def test_a_meeting_records_who_was_there_and_the_page_counts_it(client, mona, service, members):
    client.force_login(mona)
    url = reverse("board:board", args=[service.pk])
    day = date.today() - timedelta(days=10)
    client.post(
        url,
        {
            "form": "meeting",
            "meeting-held_on": day.strftime("%d/%m/%Y"),
            "meeting-present": [members[0].pk],
        },
    )
    meeting = BoardMeeting.objects.get()
    assert {(a.member.name, a.present) for a in meeting.attendance.all()} == {
        ("Dr A. Morgan", True),
        ("Dr S. Price", False),
    }
    page = text(client.get(url))
    assert "Dr S. Price Health board Not written down" in page
    assert re.search(r"Dr S\. Price Health board .*? 0 of 1", page)
    again = client.post(url, {"form": "meeting", "meeting-held_on": day.strftime("%d/%m/%Y")})
    assert "A meeting on that day is already recorded" in text(again)
    assert BoardMeeting.objects.count() == 1


def test_a_meeting_in_the_future_is_refused(mona, service, members):
    with pytest.raises(ValidationError, match="cannot be in the future"):
        services.record_meeting(mona, service, held_on=date.today() + timedelta(days=1), present=[])


def test_written_responsibilities_show_and_are_audited(client, mona, service, members):
    client.force_login(mona)
    client.post(
        reverse("board:board", args=[service.pk]),
        {"form": "duties", "member": members[1].pk, "duties-responsibilities": "Health provision."},
    )
    members[1].refresh_from_db()
    assert members[1].responsibilities == "Health provision."
    event = AuditEvent.objects.get(action="board.responsibilities_written")
    assert event.details["after"] == {"responsibilities": "Health provision."}


def add_case(service, ref, start, end=None, ethnicity="white", disposal="court"):
    return service_case(
        service, ref, disposal=disposal, age=16, ethnicity=ethnicity, starts_on=start, ends_on=end
    )


@pytest.fixture
def quarter_of_records(mona, service, members):
    """Records around 2025Q3: three cases open at its end (one started before, one during; one
    closed during it; one starts after), a health post vacant since January, two notices (one
    seen late), a meeting the health member missed."""
    add_case(service, "A", date(2025, 1, 6))
    add_case(service, "B", date(2025, 8, 1))
    add_case(service, "C", date(2025, 2, 1), end=date(2025, 8, 15))
    add_case(service, "D", date(2025, 10, 2))
    own = add_case(service, "E", date(2025, 3, 1), ethnicity="black")
    holder = staffing.add_staff_member(mona, service, name="Nurse", started_on=date(2023, 1, 1))
    post = staffing.add_post(
        mona,
        service,
        title="Health worker",
        kind="health",
        agency="Health board",
        seconded=True,
        hours_per_week=Decimal(37),
        established_on=date(2023, 1, 1),
    )
    staffing.appoint(mona, post, person=holder, starts_on=date(2023, 1, 1), cover=False)
    staffing.leaves(mona, holder, date(2025, 1, 31))
    case_manager = staffing.add_staff_member(
        mona, service, name="Owen", started_on=date(2020, 1, 1), case_manager=True
    )
    for hours_to_see in (2, 50):
        notice = safeguarding.record_notice(
            mona,
            own,
            kind="missing",
            from_agency="Police",
            occurred_at=datetime(2025, 8, 3, 22, tzinfo=UTC),
            received_at=datetime(2025, 8, 4, 8, tzinfo=UTC),
        )
        safeguarding.mark_seen(
            mona,
            notice,
            seen_by=case_manager,
            seen_at=notice.received_at + timedelta(hours=hours_to_see),
        )
    services.record_meeting(mona, service, held_on=date(2025, 9, 10), present=[members[0]])


def test_the_pack_gives_the_quarters_figures_as_they_stood_at_its_end(service, quarter_of_records):
    built = pack.build(service, Q3, "en")
    assert (built.open_cases, built.new_cases, built.closed_cases) == (3, 1, 1)
    assert "Vacant for 242 days" in [f.message for f in built.staffing_flags]  # 31/01 to 30/09
    assert "No health secondment is filled" in [f.message for f in built.staffing_flags]
    info = built.information
    assert (info.received, info.seen_in_time, info.percent_seen_in_time) == (2, 1, 50)
    assert built.attendance == [
        ("Dr A. Morgan", "Council", 1, 1),
        ("Dr S. Price", "Health board", 0, 1),
    ]
    assert [t.quarter for t in built.trends] == [
        Quarter(2024, 4),
        Quarter(2025, 1),
        Quarter(2025, 2),
        Q3,
    ]
    assert [t.open_cases for t in built.trends] == [0, 3, 3, 3]
    # One black child: too few to compare, and the count is not shown; the pack says so.
    court = next(s for s in built.disproportionality.stages if s.stage == "court")
    black = next(r for r in court.compared if r.group == "black")
    assert black.rri is None and black.events is None
    assert any("Black" in line and "a count from 1 to 5" in line for line in built.suppressed)


def test_the_pack_page_and_pdf_in_english_and_welsh(client, mona, service, quarter_of_records):
    client.force_login(mona)
    url = reverse("boardpack:pack", args=[service.pk])
    english = text(client.get(url, {"quarter": "2025Q3", "language": "en"}))
    assert "Board data pack" in english and "01/07/2025 to 30/09/2025" in english
    assert "3 children's cases open at the end of the quarter" in english
    assert "<svg" in client.get(url, {"quarter": "2025Q3"}).content.decode()
    welsh = text(client.get(url, {"quarter": "2025Q3", "language": "cy"}))
    assert "Pecyn data'r bwrdd" in welsh
    pdf = client.get(
        reverse("boardpack:pack_pdf", args=[service.pk]), {"quarter": "2025Q3", "language": "cy"}
    )
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert "2025Q3-cy.pdf" in pdf["Content-Disposition"]


def test_a_quarter_not_offered_is_refused_with_a_message(client, mona, service):
    client.force_login(mona)
    response = client.get(reverse("boardpack:pack", args=[service.pk]), {"quarter": "2025Q9"})
    assert response.status_code == 400
    assert "Choose a quarter from the list" in text(response)


def test_the_board_page_offers_the_pack_and_it_opens_by_that_form(client, mona, service, members):
    client.force_login(mona)
    page = client.get(reverse("board:board", args=[service.pk])).content.decode()
    action = re.search(r'<form method="get" action="([^"]+)"', page).group(1)
    option = re.search(r'<option value="(\d{4}Q\d)"', page).group(1)
    assert client.get(action, {"quarter": option, "language": "en"}).status_code == 200


def test_quarters_read_as_people_write_them():
    assert Quarter.parse("2025q3") == Q3 == Quarter.parse("2025 Q3")
    assert (Q3.start, Q3.end) == (date(2025, 7, 1), date(2025, 9, 30))
    assert Quarter(2025, 4).next() == Quarter(2026, 1) and Quarter(2025, 1).previous() == Quarter(
        2024, 4
    )
    with pytest.raises(ValueError, match="like 2025Q3"):
        Quarter.parse("Q3 2025")
