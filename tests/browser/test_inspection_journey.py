"""The whole journey in a real browser: create an inspection, import the caseload, draw the
sample, assess a case and see the ratings; every page checked with axe-core on the way."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from yjinspect.synthetic import caseload_csv

from .conftest import axe_violations, open_inspection, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def no_violations(page: Page) -> None:
    violations = axe_violations(page)
    assert violations == [], f"{page.url}: {violations}"


def test_create_import_sample_assess_and_rate(page: Page, alice, ian, lara, service, tmp_path):
    sign_in(page, "alice")
    no_violations(page)

    page.get_by_role("button", name="Create an inspection").click()
    no_violations(page)
    page.get_by_label("Youth justice service", exact=True).select_option(label=service.name)
    page.get_by_label("Youth offending services inspection standards (2018)").check()
    page.get_by_label("Fieldwork starts").fill("13/05/2024")
    page.get_by_label("Fieldwork ends").fill("17/05/2024")
    page.get_by_role("button", name="Create inspection").click()
    expect(page.get_by_text("Inspection created")).to_be_visible()
    no_violations(page)

    page.get_by_role("link", name="Team").click()
    page.get_by_label("Person").select_option(label="ian")
    page.get_by_label("Inspector", exact=True).check()
    page.get_by_role("button", name="Add to team").click()
    expect(page.get_by_role("cell", name="ian", exact=True)).to_be_visible()
    no_violations(page)

    overview = page.get_by_role("navigation", name="Inspection pages").get_by_role(
        "link", name="Overview"
    )
    overview.click()
    page.get_by_role("button", name="Move on to Data in advance").click()
    expect(page.get_by_text("Import the caseload.")).to_be_visible()  # what sampling needs

    csv_file = tmp_path / "caseload.csv"
    csv_file.write_text(caseload_csv(300, fieldwork=date(2024, 5, 13), seed=7))
    page.get_by_role("link", name="Caseload").click()
    page.get_by_label("Caseload file").set_input_files(str(csv_file))
    page.get_by_role("button", name="Upload and check").click()
    expect(page.get_by_text("300 rows checked with no problems.")).to_be_visible()
    no_violations(page)
    page.get_by_role("button", name="Import 300 cases").click()
    expect(page.get_by_text("Caseload imported")).to_be_visible()

    page.get_by_role("link", name="Go to the overview to move on to sampling").click()
    page.get_by_role("button", name="Move on to Sampling").click()
    expect(page.get_by_text("Stage updated")).to_be_visible()
    page.get_by_role("navigation", name="Inspection pages").get_by_role(
        "link", name="Sample"
    ).click()
    page.get_by_label("Seed (optional)").fill("11")
    page.get_by_role("button", name="Draw the sample").click()
    expect(page.get_by_text("Sample drawn with seed 11")).to_be_visible()
    page.get_by_role("button", name="Allocate unallocated cases to assessors").click()
    expect(page.get_by_text(re.compile(r"\d+ cases allocated"))).to_be_visible()
    no_violations(page)

    overview.click()
    page.get_by_role("button", name="Move on to Fieldwork").click()
    expect(page.get_by_text("Stage updated")).to_be_visible()
    no_violations(page)
    page.get_by_role("link", name="Cases", exact=True).click()
    no_violations(page)
    page.get_by_role("link", name=re.compile(r"^2\.1 Assessment")).first.click()
    no_violations(page)
    page.locator("input[name=case_manager_present][value=yes]").check()
    for kq in ("2_1_1", "2_1_2", "2_1_3"):
        page.locator(f"input[name=kq_{kq}][value=yes]").check()
    page.get_by_label("Evidence for 2.1.1").fill("Good use of police and school information.")
    page.get_by_role("button", name="Submit assessment").click()
    expect(page.get_by_text("Assessment submitted")).to_be_visible()

    page.get_by_role("link", name="Ratings").click()
    expect(page.get_by_text("lowest key question 2.1.1 at 100% (1 of 1)")).to_be_visible()
    expect(page.get_by_text("No overall rating yet")).to_be_visible()
    no_violations(page)


def test_the_create_form_works_from_the_keyboard_alone(page: Page, alice, service):
    sign_in(page, "alice")
    page.get_by_role("button", name="Create an inspection").click()

    def tab_to(selector: str) -> None:
        for _ in range(40):
            page.keyboard.press("Tab")
            if page.evaluate("(s) => document.activeElement.matches(s)", selector):
                return
        raise AssertionError(f"could not reach {selector} with Tab")

    tab_to("#id_service")
    page.keyboard.press("ArrowDown")
    tab_to("input[name=framework_id]")
    for _ in range(2):  # the radios are in date order; 2018 is the second
        page.keyboard.press("ArrowDown")
    tab_to("#id_fieldwork_start")
    page.keyboard.type("13/05/2024")
    tab_to("#id_fieldwork_end")
    page.keyboard.type("17/05/2024")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Inspection created")).to_be_visible()
    expect(page.get_by_text("Youth justice services inspection standards (2021)")).to_be_visible()


def test_errors_are_summarised_and_linked_to_their_fields(page: Page, alice, service):
    sign_in(page, "alice")
    page.get_by_role("button", name="Create an inspection").click()
    page.get_by_role("button", name="Create inspection").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link", name="Choose the framework")).to_be_visible()
    summary.get_by_role("link", name="Enter the date fieldwork starts").click()
    expect(page.locator("#id_fieldwork_start")).to_be_focused()
    no_violations(page)


def test_moderate_a_case_from_second_assessment_to_agreed_answer(page: Page, sampled, alice):
    from yjinspect.cases import assessment
    from yjinspect.cases.models import SampledCase

    sign_in(page, "alice")
    open_inspection(page, "Cwm Afon YJS", "Moderation")
    page.get_by_label("Share of cases to second-assess (%)").fill("10")
    page.get_by_role("button", name="Choose cases for second assessment").click()
    expect(page.get_by_text(re.compile(r"\d+ cases marked for second assessment"))).to_be_visible()

    case = SampledCase.objects.filter(
        inspection=sampled, for_moderation=True, population="court"
    ).first()
    standard = sampled.framework.standard("2.1")
    first = {kq: assessment.AnswerInput("yes") for kq in standard.key_question_ids}
    assessment.save(
        case.assessor,
        case,
        standard,
        kind="first",
        version=0,
        answers=first,
        case_manager_present=True,
        submit=True,
    )

    open_inspection(page, "Cwm Afon YJS", "Cases")
    page.locator(f"a[href='/inspections/{sampled.pk}/cases/{case.pk}/2.1/?kind=second']").click()
    expect(page.get_by_text("second assessment").first).to_be_visible()
    page.locator("input[name=case_manager_present][value=yes]").check()
    for kq, value in (("2_1_1", "yes"), ("2_1_2", "no"), ("2_1_3", "yes")):
        page.locator(f"input[name=kq_{kq}][value={value}]").check()
    page.get_by_role("button", name="Submit assessment").click()
    expect(page.get_by_text("Assessment submitted")).to_be_visible()

    open_inspection(page, "Cwm Afon YJS", "Moderation")
    card = page.locator(
        ".govuk-summary-card", has_text=f"Case {case.case.case_ref}, key question 2.1.2"
    )
    expect(card.get_by_text("First assessment: Yes. Second assessment: No.")).to_be_visible()
    no_violations(page)
    card.get_by_label("No", exact=True).check()
    card.get_by_label("Note (optional)").fill("The plan did not cover the child's safety")
    card.get_by_role("button", name="Record agreed answer").click()
    expect(page.get_by_text("Agreed answer recorded")).to_be_visible()
    expect(page.get_by_text("Agreed: No")).to_be_visible()
    expect(page.get_by_role("cell", name="2.1.2")).to_be_visible()  # in the agreement table
