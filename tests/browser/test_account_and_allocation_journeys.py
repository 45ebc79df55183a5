"""Journeys through pages added for security and allocation, from the home page by clicking:
a lead's account (two-factor sign-in on, recovery codes), choosing who assesses a case, and
granting a partner inspector more."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from yjinspect.cases.models import SampledCase
from yjinspect.inspections import services as inspections

from ..conftest import _person
from .conftest import open_inspection, sign_in


def test_a_lead_checks_their_account_and_gives_a_case_to_a_named_assessor(
    page: Page, sampled, alice, ian, lara
):
    sign_in(page, "alice")  # first sign-in: sets up the app and passes the recovery codes
    page.get_by_role("link", name="Your account").click()
    expect(page.get_by_role("heading", name="Your account")).to_be_visible()
    expect(page.locator(".govuk-summary-list")).to_contain_text("Two-factor sign-in")
    expect(page.locator(".govuk-summary-list")).to_contain_text("On")
    page.get_by_role("button", name="Make new recovery codes").click()
    expect(page.get_by_role("heading", name="Your recovery codes")).to_be_visible()
    page.get_by_role("button", name="Continue").click()

    case = SampledCase.objects.filter(inspection=sampled, assessor=ian).first()
    open_inspection(page, "Cwm Afon YJS", "Sample")
    page.get_by_role("link", name="Choose who assesses each case").click()
    page.get_by_label(f"Assessor for case {case.case.case_ref}").select_option(str(lara.pk))
    page.get_by_role("button", name="Save who assesses each case").click()
    expect(page.get_by_text("1 case given")).to_be_visible()
    case.refresh_from_db()
    assert case.assessor == lara


def test_a_lead_grants_a_partner_the_ratings(page: Page, sampled, alice):
    partner = _person("pat", "partner_inspector")
    inspections.assign_team_member(alice, sampled, partner, "partner_inspector")
    sign_in(page, "alice")
    open_inspection(page, "Cwm Afon YJS", "Team")
    page.get_by_label("See the ratings and record judgement ratings").check()
    page.get_by_role("button", name="Save permissions for pat").click()
    expect(page.get_by_text("Permissions saved")).to_be_visible()
    expect(page.get_by_role("table")).to_contain_text(
        "See the ratings and record judgement ratings"
    )
