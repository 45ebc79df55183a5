"""In the browser: an alert from raising to closure, across the inspector, the lead and the
service manager; and a report from draft to published."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from yjinspect.cases.models import SampledCase
from yjinspect.findings import services as findings

from ..conftest import at_stage
from .conftest import axe_violations, open_inspection, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()


def test_an_alert_from_raising_to_closure(page: Page, sampled, ian, alice, mona):
    assert SampledCase.objects.filter(inspection=sampled, assessor=ian).exists()
    sign_in(page, "ian")
    open_inspection(page, "Cwm Afon YJS", "Cases")
    page.get_by_role("link", name=re.compile(r"^2\.1 Assessment")).first.click()
    page.get_by_role("link", name="Raise a case alert on this case").click()
    page.get_by_label("The child's safety").check()
    page.get_by_label("Critical: immediate risk of serious harm").check()
    page.get_by_label("What was found").fill("Missing episodes not shared with the police.")
    page.get_by_role("button", name="Raise alert").click()
    expect(page.get_by_text("Alert raised; the lead inspector has been told")).to_be_visible()
    sign_out(page)

    sign_in(page, "alice")
    page.get_by_role("link", name=re.compile("Notifications")).click()
    page.get_by_role("link", name=re.compile("To confirm")).click()
    page.get_by_role("button", name="Confirm and send to the service").click()
    expect(page.get_by_text("Alert sent to the service")).to_be_visible()
    sign_out(page)

    sign_in(page, "mona")
    page.get_by_role("link", name=re.compile("Notifications")).click()
    page.get_by_role("link", name=re.compile("Urgent action needed")).click()
    page.get_by_label("Urgent action taken or planned").fill("Strategy meeting held today.")
    page.get_by_role("button", name="Send response").click()
    expect(page.get_by_text("Response sent to the inspection team")).to_be_visible()
    assert axe_violations(page) == []
    sign_out(page)

    sign_in(page, "alice")
    page.get_by_role("link", name=re.compile("Notifications")).click()
    page.get_by_role("link", name=re.compile("The service responded")).click()
    page.get_by_label("Note").fill("The response deals with the risk.")
    page.get_by_role("button", name="Close alert").click()
    expect(page.get_by_text("Alert closed")).to_be_visible()
    expect(page.get_by_text("Strategy meeting held today.")).to_be_visible()


def test_a_report_from_sign_off_to_published(page: Page, sampled, alice):
    findings.add_recommendation(
        alice,
        sampled,
        body="board",
        body_name="",
        text="Give the board the data it needs.",
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
    page.get_by_role("link", name="Draft report in English (web page)").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Cwm Afon YJS")
    expect(page.get_by_text("Give the board the data it needs.")).to_be_visible()
    page.go_back()
    page.get_by_role("button", name="Publish a new version").click()
    expect(page.get_by_text("Version 1 published")).to_be_visible()
    expect(page.locator("code")).to_have_count(2)  # English and Welsh checksums
    assert axe_violations(page) == []
    nav = page.get_by_role("navigation", name="Inspection pages")
    nav.get_by_role("link", name="Overview").click()
    expect(page.locator(".govuk-summary-list").get_by_text("Published")).to_be_visible()
