"""axe-core reports no WCAG 2.2 AA violation on any page of the workflow, in either language."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from yjinspect.alerts import services as alerts
from yjinspect.cases.models import CaseloadImport, SampledCase

from .conftest import axe_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_axe_check_does_find_violations(page: Page):
    # Guards the helper itself: a page with an unlabelled image and input must fail.
    page.set_content('<html lang="en"><body><main><img src="x.png"><input></main></body></html>')
    found = {v["id"] for v in axe_violations(page)}
    assert {"image-alt", "label"} <= found


@pytest.mark.parametrize("language", ["en", "cy"])
def test_every_workflow_page_has_no_violations(page: Page, sampled, alice, mona, language):
    case = SampledCase.objects.filter(inspection=sampled, population="court").first()
    upload = CaseloadImport.objects.filter(inspection=sampled).first()
    alert = alerts.raise_alert(
        alice,
        sampled,
        sampled_case=case,
        kind="child_safety",
        severity="high",
        found="Safety plan missing",
    )
    alerts.confirm(alice, alert)
    pk = sampled.pk
    paths = [
        "/",
        "/frameworks/hmip-yjs-2018/",
        "/inspections/",
        "/inspections/new/",
        f"/inspections/{pk}/",
        f"/inspections/{pk}/team/",
        f"/inspections/{pk}/caseload/",
        f"/inspections/{pk}/caseload/{upload.pk}/",
        f"/inspections/{pk}/sample/",
        f"/inspections/{pk}/sample/{case.pk}/replace/",
        f"/inspections/{pk}/cases/",
        f"/inspections/{pk}/cases/{case.pk}/2.1/",
        f"/inspections/{pk}/ratings/",
        f"/inspections/{pk}/standards/1.1/",
        f"/inspections/{pk}/moderation/",
        f"/inspections/{pk}/consents/",
        f"/inspections/{pk}/alerts/",
        f"/inspections/{pk}/alerts/{alert.pk}/",
        "/notifications/",
        f"/inspections/{pk}/findings/",
        f"/inspections/{pk}/findings/standard/1.1/",
        f"/inspections/{pk}/findings/domain/1/",
        f"/inspections/{pk}/recommendations/",
        f"/inspections/{pk}/report/",
        f"/inspections/{pk}/plan/",
        f"/inspections/{pk}/report/accuracy/",
        f"/inspections/{pk}/report/draft/?lang={language}",
        "/services/",
        f"/services/{sampled.service.pk}/",
    ]
    sign_in(page, "alice")
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
