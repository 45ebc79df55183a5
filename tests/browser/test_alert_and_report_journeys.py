"""In the browser: Cardiff's alert, from raising on three cases to closure, its urgent action
plan returned once then accepted, across the inspector, the lead and the service manager; and
a report from draft to published."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from yjinspect.cases.models import SampledCase
from yjinspect.findings import services as findings

from ..conftest import at_stage
from .conftest import axe_violations, open_inspection, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()


def test_cardiffs_alert_on_three_cases_and_its_plan_returned_once_then_accepted(
    page: Page, sampled, ian, alice, mona
):
    """Cardiff 2020: an organisational alert on safeguarding and public protection in three
    cases; senior leaders asked for an urgent action plan."""
    first = SampledCase.objects.filter(inspection=sampled, assessor=ian).first()
    others = list(SampledCase.objects.filter(inspection=sampled).exclude(pk=first.pk)[:2])
    sign_in(page, "ian")
    open_inspection(page, "Cwm Afon YJS", "Cases")
    page.get_by_role("link", name=re.compile(r"^2\.1 Assessment")).first.click()
    page.get_by_role("link", name="Raise a case alert on this case").click()
    page.get_by_label("Organisation-wide (a pattern across cases)").check()
    cases = page.get_by_role("group", name="Which cases?")
    expect(cases.get_by_label(first.case.case_ref)).to_be_checked()  # from the case's page
    for other in others:
        cases.get_by_label(other.case.case_ref).check()
    page.get_by_label("High: serious risk needing action now").check()
    page.get_by_label("Safeguarding").check()
    page.get_by_label("Public protection").check()
    page.get_by_label("What was found", exact=True).fill(
        "Safeguarding and public protection practice fell short in three cases."
    )
    page.get_by_role("button", name="Raise alert").click()
    expect(banner(page)).to_contain_text("Alert raised; the lead inspector has been told")
    expect(page.get_by_role("heading", name="Alert 1")).to_be_visible()
    sign_out(page)

    sign_in(page, "alice")
    page.get_by_role("link", name=re.compile("Notifications")).click()
    page.get_by_role("link", name=re.compile("To confirm")).click()
    page.get_by_role("button", name="Confirm and send to the service").click()
    expect(banner(page)).to_contain_text("Alert sent to the service")
    sign_out(page)

    sign_in(page, "mona")
    page.get_by_role("link", name=re.compile("Notifications")).click()
    page.get_by_role("link", name=re.compile("Urgent action plan needed")).click()
    add_action(page, "Review the safety plans in the three cases.", "Head of Service")
    page.get_by_label("What the service has done and plans to do").fill("Plans under review.")
    page.get_by_role("button", name="Send the urgent action plan").click()
    expect(banner(page)).to_contain_text("Urgent action plan sent to the lead inspector")
    sign_out(page)

    sign_in(page, "alice")
    page.get_by_role("link", name=re.compile("Notifications")).click()
    page.get_by_role("link", name=re.compile("Urgent action plan to review")).first.click()
    page.get_by_label("Return: the plan must do more").check()
    page.get_by_label("Reasons").fill("The police are not part of the plan.")
    page.get_by_role("button", name="Record decision").click()
    expect(banner(page)).to_contain_text("Plan returned to the service")
    sign_out(page)

    sign_in(page, "mona")
    page.get_by_role("link", name=re.compile("Notifications")).click()
    page.get_by_role("link", name=re.compile("Urgent action plan returned")).click()
    expect(page.get_by_text("The police are not part of the plan.")).to_be_visible()
    add_action(page, "Share missing episodes with the police daily.", "DI, South Wales Police")
    page.get_by_label("What the service has done and plans to do").fill("Police now included.")
    page.get_by_role("button", name="Send the urgent action plan").click()
    sign_out(page)

    sign_in(page, "alice")
    page.get_by_role("link", name=re.compile("Notifications")).click()
    page.get_by_role("link", name=re.compile("Urgent action plan to review")).first.click()
    page.get_by_label("Accept: the actions deal with the risk").check()
    page.get_by_role("button", name="Record decision").click()
    expect(banner(page)).to_contain_text("Plan accepted")
    expect(page.get_by_text("The alert can be closed when every action")).to_be_visible()
    sign_out(page)

    sign_in(page, "mona")
    page.get_by_role("link", name=re.compile("Notifications")).click()
    page.get_by_role("link", name=re.compile("Urgent action plan accepted")).click()
    for number in (1, 2):
        page.get_by_role("group", name=f"Status of action {number}").get_by_label("Done").check()
        page.get_by_label(f"Evidence for action {number}").fill("Minutes of the meeting.")
        page.get_by_role("button", name=f"Update action {number}").click()
        expect(banner(page)).to_contain_text(f"Action {number} updated")
    expect(page.get_by_text("2 of 2 actions done")).to_be_visible()
    assert axe_violations(page) == []
    sign_out(page)

    sign_in(page, "alice")
    open_inspection(page, "Cwm Afon YJS", "Alerts")
    page.get_by_role("link", name="Alert 1").click()
    page.get_by_label("Note").fill("Every action is done and the risk is managed.")
    page.get_by_role("button", name="Close alert").click()
    expect(banner(page)).to_contain_text("Alert closed")
    history = page.locator(".app-history")
    for step in (
        "Raised – ian",
        "Confirmed and sent to the service – alice",
        "Urgent action plan returned – alice",
        "Urgent action plan accepted – alice",
        "Closed – alice",
    ):
        expect(history).to_contain_text(step)


def banner(page: Page):
    """The message the page gives after a change."""
    return page.locator(".govuk-notification-banner")


def add_action(page: Page, text: str, owner: str) -> None:
    page.get_by_label("Action", exact=True).fill(text)
    page.get_by_label("Owner").fill(owner)
    soon = timezone.localdate() + timedelta(days=3)
    page.get_by_label("Due by").fill(soon.strftime("%d/%m/%Y"))
    page.get_by_role("button", name="Add action").click()
    expect(banner(page)).to_contain_text("Action added to the plan")


def test_a_bilingual_report_from_sign_off_to_public(page: Page, sampled, alice):
    """The lead writes the foreword in English and Welsh, reads the Welsh draft, publishes
    both languages; anyone then finds the Welsh report from the public list."""
    findings.add_recommendation(
        alice,
        sampled,
        body="board",
        body_name="Cwm Afon Management Board",
        text="Give the board the data it needs.",
        text_cy="Rhoi i'r bwrdd y data sydd ei angen arno.",
        standards=["1.1"],
    )
    at_stage(sampled, "rated")
    sign_in(page, "alice")
    open_inspection(page, "Cwm Afon YJS", "Ratings")
    page.get_by_role("button", name="Sign off the ratings").click()
    expect(page.get_by_text("Ratings signed off")).to_be_visible()
    nav = page.get_by_role("navigation", name="Inspection pages")
    nav.get_by_role("link", name="Overview").click()
    page.get_by_role("button", name="Move on to Report drafting").click()
    page.get_by_role("button", name="Move on to Factual-accuracy check").click()
    expect(page.get_by_text("The inspection becomes published when the report is published."))
    page.get_by_role("link", name="Go to the report").click()
    expect(page.get_by_text("The report is published in English and Welsh.")).to_be_visible()
    page.get_by_label("Foreword", exact=True).fill("This inspection found a service that listens.")
    page.get_by_label("Foreword in Welsh").fill("Canfu'r arolygiad hwn wasanaeth sy'n gwrando.")
    page.get_by_role("button", name="Save the report's text").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("The report's text is saved")
    page.get_by_role("link", name="Draft report in Welsh (web page)").click()
    expect(page.get_by_role("heading", name="Rhagair")).to_be_visible()
    expect(page.get_by_text("Canfu'r arolygiad hwn wasanaeth sy'n gwrando.")).to_be_visible()
    expect(page.get_by_text("Rhoi i'r bwrdd y data sydd ei angen arno.")).to_be_visible()
    page.go_back()
    page.get_by_role("link", name="Draft report in English (web page)").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Cwm Afon")
    expect(page.get_by_text("Give the board the data it needs.")).to_be_visible()
    page.go_back()
    page.get_by_role("button", name="Publish a new version").click()
    expect(page.get_by_text("Version 1 published")).to_be_visible()
    expect(page.locator("code")).to_have_count(4)  # the PDF's and the text's, in each language
    assert axe_violations(page) == []
    nav = page.get_by_role("navigation", name="Inspection pages")
    nav.get_by_role("link", name="Overview").click()
    expect(page.locator(".govuk-summary-list").get_by_text("Published")).to_be_visible()
    sign_out(page)

    page.goto("/")  # anyone, signed out, from the home page
    page.get_by_role("link", name="Published reports").click()
    page.get_by_role("row", name=re.compile("Cymraeg")).get_by_role(
        "link", name="Read the report"
    ).click()
    expect(page.get_by_role("heading", name="Rhagair")).to_be_visible()
    expect(page.get_by_text("Canfu'r arolygiad hwn wasanaeth sy'n gwrando.")).to_be_visible()
    expect(page.get_by_text(re.compile("Fersiwn 1, cyhoeddwyd"))).to_have_count(2)
