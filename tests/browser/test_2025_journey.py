"""A 2025 inspection in the browser, from the victims list to a published report with the
team's overall rating: the lead uploads the list, draws both samples, assesses a victim's
case, records the overall, signs off and publishes; the public report carries it all."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import Page, expect

from yjinspect.cases import assessment, caseload
from yjinspect.cases.models import SampledCase
from yjinspect.findings import services as findings
from yjinspect.inspections import services as inspections
from yjinspect.synthetic import caseload_csv, victims_csv

from ..conftest import at_stage
from .conftest import axe_violations, open_inspection, sign_in

pytestmark = pytest.mark.django_db(transaction=True)
FIELDWORK = date(2025, 9, 8)


def test_a_2025_inspection_from_the_victims_list_to_a_published_overall(
    page: Page, service, alice, ian, tmp_path
):
    created = inspections.create_inspection(
        alice,
        service=service,
        framework_id="hmip-yjs-2025",
        fieldwork_start=FIELDWORK,
        fieldwork_end=date(2025, 9, 12),
    )
    inspections.assign_team_member(alice, created, ian, "inspector")
    inspections.advance_status(alice, created, "data_in_advance")
    cases = SimpleUploadedFile("c.csv", caseload_csv(300, fieldwork=FIELDWORK, seed=3).encode())
    caseload.confirm_import(alice, caseload.check_upload(alice, created, cases.name, cases))

    sign_in(page, "alice")
    open_inspection(page, "Cwm Afon YJS", "Caseload")
    listed = tmp_path / "victims.csv"
    listed.write_text(victims_csv(60, fieldwork=FIELDWORK, seed=3))
    page.get_by_label("Victims list").set_input_files(str(listed))
    page.get_by_role("button", name="Upload the victims list").click()
    expect(page.get_by_text("60 victims listed", exact=True)).to_be_visible()
    assert axe_violations(page) == []

    nav = page.get_by_role("navigation", name="Inspection pages")
    nav.get_by_role("link", name="Overview").click()
    page.get_by_role("button", name="Move on to Sampling").click()
    nav.get_by_role("link", name="Sample").click()
    page.get_by_label("Seed (optional)").fill("8")
    page.get_by_role("button", name="Draw the sample").click()
    expect(page.get_by_text("Sample drawn with seed 8")).to_be_visible()
    expect(page.get_by_text("victim type").first).to_be_visible()  # the victims' own profile
    page.get_by_role("button", name="Allocate unallocated cases to assessors").click()
    nav.get_by_role("link", name="Overview").click()
    page.get_by_role("button", name="Move on to Fieldwork").click()
    expect(page.get_by_text("Stage updated")).to_be_visible()

    # The lead takes one victim's case and assesses it.
    victim = SampledCase.objects.filter(inspection=created, population="victims").first()
    victim.assessor = alice
    victim.save(update_fields=["assessor"])
    nav.get_by_role("link", name="Cases", exact=True).click()
    page.get_by_role(
        "link", name=re.compile(rf"V1 Work with victims.*{victim.case.case_ref}")
    ).click()
    expect(page.get_by_text("Kind of victim")).to_be_visible()
    assert axe_violations(page) == []
    page.locator("input[name=case_manager_present][value=yes]").check()
    for kq in ("V1_1", "V1_2"):
        page.locator(f"input[name=kq_{kq}][value=yes]").check()
    page.get_by_role("button", name="Submit assessment").click()
    expect(page.get_by_text("Assessment submitted")).to_be_visible()

    # The rest of the fieldwork, arranged: every other case assessed.
    created.refresh_from_db()  # moved on in the browser
    for case in SampledCase.objects.filter(inspection=created).exclude(pk=victim.pk):
        for standard in assessment.applicable_standards(created, case):
            assessment.save(
                alice,
                case,
                standard,
                kind="first",
                version=0,
                answers={kq: assessment.AnswerInput("yes") for kq in standard.key_question_ids},
                case_manager_present=True,
                submit=True,
            )
    findings.add_recommendation(
        alice,
        created,
        body="board",
        body_name="Cwm Afon Management Board",
        text="Keep victims informed at every stage.",
        text_cy="Rhoi gwybod i ddioddefwyr ar bob cam.",
        standards=["V1"],
    )
    at_stage(created, "rated")

    nav.get_by_role("link", name="Ratings").click()
    expect(page.get_by_text("Record the overall rating and the reasons for it.")).to_be_visible()
    page.locator("input[name='overall-rating'][value=good]").check()
    page.get_by_label("Reasons for the overall rating").fill(
        "Strong work with children and victims."
    )
    page.get_by_role("button", name="Record the overall rating").click()
    expect(page.get_by_text("Overall rating recorded", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Good", exact=True)).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Sign off the ratings").click()
    expect(page.get_by_text("Ratings signed off")).to_be_visible()

    nav.get_by_role("link", name="Overview").click()
    page.get_by_role("button", name="Move on to Report drafting").click()
    page.get_by_role("button", name="Move on to Factual-accuracy check").click()
    page.get_by_role("link", name="Go to the report").click()
    page.get_by_label("Foreword", exact=True).fill("Victims are heard in this service.")
    page.get_by_label("Foreword in Welsh").fill("Mae dioddefwyr yn cael eu clywed.")
    page.get_by_role("button", name="Save the report's text").click()
    page.get_by_role("button", name="Publish a new version").click()
    expect(page.get_by_text("Version 1 published")).to_be_visible()

    page.get_by_role("button", name="Sign out").click()
    page.goto("/")
    page.get_by_role("link", name="Published reports").click()
    page.get_by_role("row", name=re.compile("English")).get_by_role(
        "link", name="Read the report"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "An inspection of youth justice work with children and victims"
    )
    expect(page.get_by_text("overall rating recorded by the team: Strong work")).to_be_visible()
    expect(page.get_by_role("rowheader", name="V1 Work with victims")).to_be_visible()
