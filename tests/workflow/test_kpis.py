"""KPIs and national indicators as a service keeps them: returns uploaded from CSV (every row
checked, all or nothing), board attendance worked out from the board's meetings, each figure
shown with its numerator and denominator quarter by quarter."""

from __future__ import annotations

import html
import re
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from yjinspect.audit.models import AuditEvent
from yjinspect.board import services as board
from yjinspect.kpis import services as kpis
from yjinspect.kpis.models import MeasureValue
from yjinspect.quarters import Quarter
from yjinspect.services.models import BoardMember

GOOD = (
    "quarter,kpi,part,numerator,denominator\n"
    "2025Q3,kpi1,all,52,58\n"
    "2025Q3,kpi4,identified,20,58\n"
    "2025Q3,kpi4,planned,15,20\n"
    "2025Q3,kpi4,attending,5,15\n"
    "2025Q3,fte,,21,14250\n"
)


def text(response) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


def upload(client, service, content: str | bytes):
    data = content.encode() if isinstance(content, str) else content
    return client.post(
        reverse("kpis:kpis", args=[service.pk]),
        {"returns": SimpleUploadedFile("returns.csv", data, content_type="text/csv")},
    )


@pytest.fixture
def this_quarter():
    """The page shows the last four quarters up to now: the last whole one is among them."""
    return Quarter.containing(date.today()).previous()


def test_returns_uploaded_show_with_their_numerators_and_denominators(
    client, mona, service, this_quarter
):
    client.force_login(mona)
    upload(client, service, GOOD.replace("2025Q3", str(this_quarter)))
    assert MeasureValue.objects.count() == 5
    page = text(client.get(reverse("kpis:kpis", args=[service.pk])))
    # Columns: the last four quarters, oldest first; the last whole one is the third.
    assert "KPI 1: Suitable accommodation In suitable accommodation – – 90% 52/58 –" in page
    assert "Attending – – 33% 5/15 –" in page  # the funnel's last stage
    assert "147.4 per 100,000 21/14250" in page


def test_board_attendance_is_worked_out_from_the_meetings(client, mona, service, this_quarter):
    members = [
        BoardMember.objects.create(service=service, name=n, board_role="Member", organisation="O")
        for n in ("A", "B")
    ]
    start = this_quarter.start
    board.record_meeting(mona, service, held_on=start.replace(day=5), present=members[:1])
    board.record_meeting(mona, service, held_on=start.replace(day=25), present=members)
    figure = kpis.figures(service, [this_quarter])[(str(this_quarter), "kpi7", "all")]
    assert (figure.numerator, figure.denominator, figure.value, figure.computed) == (
        3,
        4,
        75.0,
        True,
    )
    client.force_login(mona)
    assert "75% 3/4 (from the records)" in text(client.get(reverse("kpis:kpis", args=[service.pk])))


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("2025Q3,kpi11,all,1,2", "Row 3, kpi: no measure 'kpi11'"),
        ("2025-09,kpi1,all,1,2", "Row 3, quarter: Give the quarter as year and quarter"),
        ("2025Q3,kpi1,all,9,2", "Row 3, numerator: more than the denominator"),
        ("2025Q3,kpi1,all,-1,2", "Row 3, numerator: a whole number of 0 or more, not '-1'"),
        ("2025Q3,kpi4,seen,1,2", "Row 3, part: KPI 4 has the parts identified, planned, attending"),
        ("2025Q3,kpi7,all,1,2", "Row 3, kpi: KPI 7 is worked out from the records, not imported"),
        ("2025Q3,kpi1,all,5,6", "Row 3: the same quarter, measure and part as an earlier row"),
    ],
)
def test_a_bad_row_is_named_and_nothing_is_imported(client, mona, service, row, message):
    client.force_login(mona)
    response = upload(
        client,
        service,
        "quarter,kpi,part,numerator,denominator\n2025Q3,kpi1,all,1,2\n" + row + "\n",
    )
    assert message in text(response)
    assert not MeasureValue.objects.exists()


def test_a_file_that_is_not_utf8_text_or_lacks_the_columns_is_refused(client, mona, service):
    client.force_login(mona)
    assert "saved as UTF-8 text" in text(upload(client, service, b"\xff\xfe\x00q"))
    assert "needs the columns" in text(upload(client, service, "a,b\n1,2\n"))
    assert not MeasureValue.objects.exists()


def test_a_second_upload_replaces_a_value_and_the_audit_keeps_both(client, mona, service):
    client.force_login(mona)
    upload(client, service, GOOD)
    upload(client, service, "quarter,kpi,part,numerator,denominator\n2025Q3,kpi1,all,50,58\n")
    value = MeasureValue.objects.get(measure="kpi1")
    assert (value.numerator, value.denominator) == (50, 58)
    last = (
        AuditEvent.objects.filter(action="kpi.imported", details__measure="kpi1")
        .order_by("-id")
        .first()
    )
    assert last.details["before"] == {"numerator": 52, "denominator": 58}


def test_the_template_lists_every_imported_measure_part(client, mona, service):
    client.force_login(mona)
    body = client.get(reverse("kpis:template", args=[service.pk])).content.decode()
    assert body.startswith("quarter,kpi,part,numerator,denominator")
    assert "kpi4,attending" in body and "kpi7" not in body


def test_the_board_pack_gives_this_quarter_and_the_last(mona, service):
    from yjinspect.boardpack import pack

    kpis.import_csv(mona, service, GOOD + "2025Q2,kpi1,all,40,50\n")
    rows = {
        (title, part): (this, before)
        for title, part, this, before in pack.build(service, Quarter(2025, 3), "en").measures
    }
    this, before = rows[("KPI 1: Suitable accommodation", "In suitable accommodation")]
    assert (this.numerator, before.numerator) == (52, 40)
