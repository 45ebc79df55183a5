"""A service's self-assessment in the browser, from the home page by clicking: the manager
starts one of national standard 2, adds a colleague as its assessor, takes the caseload from
the service's records and draws a fifth of the court cases (at least 20); the pages pass the
accessibility check."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from playwright.sync_api import Page, expect

from yjinspect.inspections.models import Inspection

from ..conftest import _person, service_case
from .conftest import axe_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def records(service) -> None:
    """60 court cases and 15 out-of-court cases started in the last year."""
    for n in range(75):
        service_case(
            service,
            f"SA{n:03d}",
            disposal="court" if n < 60 else "out_of_court",
            disposal_type="referral order" if n < 60 else "youth caution",
            rosh="medium",
            starts_on=date.today() - timedelta(days=20 + n),
        )


def test_a_manager_runs_a_self_assessment_of_standard_2(page: Page, service, mona):
    records(service)
    _person("sam", "service_staff", service=service)
    sign_in(page, "mona")
    page.get_by_role("link", name="Services").click()
    page.get_by_role("link", name=service.name).click()
    page.get_by_role("link", name="Self-assessment against the national standards").click()
    expect(page.get_by_text("The service has not assessed itself here yet.")).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_label("Standard 2: at court").check()
    page.get_by_label("The audit starts").fill(date.today().strftime("%d/%m/%Y"))
    page.get_by_label("The audit ends").fill(
        (date.today() + timedelta(days=14)).strftime("%d/%m/%Y")
    )
    page.get_by_role("button", name="Start the self-assessment").click()
    expect(page.get_by_text("Self-assessment started")).to_be_visible()
    expect(page.get_by_text("Standard 2: at court")).to_be_visible()

    nav = page.get_by_role("navigation", name="Inspection pages")
    nav.get_by_role("link", name="Team").click()
    page.get_by_label("Person").select_option(label="sam")
    page.get_by_label("Assessor").check()
    page.get_by_role("button", name="Add to team").click()
    expect(page.get_by_role("cell", name="Leads the self-assessment")).to_be_visible()

    nav.get_by_role("link", name="Caseload").click()
    page.get_by_role("button", name="Take the caseload from the records").click()
    expect(page.get_by_text("75 cases taken from the service's records")).to_be_visible()
    assert axe_violations(page) == []

    nav.get_by_role("link", name="Overview").click()
    page.get_by_role("button", name="Move on to Data in advance").click()
    page.get_by_role("button", name="Move on to Sampling").click()
    nav.get_by_role("link", name="Sample").click()
    page.get_by_role("button", name="Draw the sample").click()
    expect(page.get_by_text("20% of the 60 relevant cases is 12.0, rounded up.")).to_be_visible()
    expect(page.get_by_text("The framework's minimum of 20 cases applies.")).to_be_visible()
    run = Inspection.objects.self_assessments().get()
    assert run.sampled_cases.count() == 20
    assert {c.case.disposal for c in run.sampled_cases.select_related("case")} == {"court"}
