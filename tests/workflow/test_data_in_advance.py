"""An inspection takes the service's own records as data in advance when it is announced:
frozen with it, shown on its own page and, section by section, on the evidence pages of the
organisational standards the framework ties them to."""

from __future__ import annotations

import html
import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from yjinspect.boardpack.models import DataInAdvance
from yjinspect.inspections import services as inspections
from yjinspect.staffing import services as staffing

TODAY = date.today()


def text(response) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


@pytest.fixture
def vacancy(mona, service):
    """A health secondment vacant since 400 days ago."""
    post = staffing.add_post(
        mona,
        service,
        title="Health worker",
        kind="health",
        agency="Health board",
        seconded=True,
        hours_per_week=Decimal(37),
        established_on=TODAY - timedelta(days=900),
    )
    nurse = staffing.add_staff_member(
        mona, service, name="Nurse", started_on=TODAY - timedelta(days=900)
    )
    staffing.appoint(mona, post, person=nurse, starts_on=TODAY - timedelta(days=900), cover=False)
    staffing.leaves(mona, nurse, TODAY - timedelta(days=400))
    return post


def announce(alice, service):
    return inspections.create_inspection(
        alice,
        service=service,
        framework_id="hmip-yjs-2021",
        fieldwork_start=TODAY + timedelta(days=60),
        fieldwork_end=TODAY + timedelta(days=64),
    )


def test_announcing_takes_the_records_in_english_and_welsh(alice, service, vacancy):
    inspection = announce(alice, service)
    taken = DataInAdvance.objects.get(inspection=inspection)
    assert "No health secondment is filled" in taken.section("en", "staffing")
    assert "Health worker" in taken.section("cy", "staffing")
    assert "Staffio" in taken.section("cy", "staffing")


def test_the_records_are_frozen_with_the_inspection(mona, alice, service, vacancy):
    inspection = announce(alice, service)
    later = staffing.add_staff_member(mona, service, name="New Nurse", started_on=TODAY)
    staffing.appoint(mona, vacancy, person=later, starts_on=TODAY, cover=False)
    taken = DataInAdvance.objects.get(inspection=inspection)
    assert "No health secondment is filled" in taken.section("en", "staffing")
    assert "New Nurse" not in taken.section("en", "staffing")


def test_the_staff_standard_shows_staffing_and_a_case_standard_shows_none(
    client, alice, service, vacancy
):
    inspection = announce(alice, service)
    client.force_login(alice)
    staff = text(client.get(reverse("ratings:judgement", args=[inspection.pk, "1.2"])))
    assert "Data in advance" in staff and "No health secondment is filled" in staff
    assert "Workloads" in staff and "Supervision" in staff
    governance = text(client.get(reverse("ratings:judgement", args=[inspection.pk, "1.1"])))
    assert "No health secondment is filled" not in governance
    assert "Caseload profile" in governance and "KPIs and national indicators" in governance


def test_the_service_and_the_team_reach_the_page_by_the_inspections_menu(
    client, alice, mona, service, vacancy
):
    inspection = announce(alice, service)
    for person in (alice, mona):
        client.force_login(person)
        overview = client.get(reverse("inspections:detail", args=[inspection.pk])).content.decode()
        link = reverse("data_in_advance:data_in_advance", args=[inspection.pk])
        assert f'href="{link}"' in overview
        page = text(client.get(link))
        assert "kept as taken" in page and "No health secondment is filled" in page
