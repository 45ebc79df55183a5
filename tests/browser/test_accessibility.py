"""axe-core reports no WCAG 2.2 AA violation on any page of the workflow, in either language."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from yjinspect.alerts import services as alerts
from yjinspect.cases.models import CaseloadImport, SampledCase
from yjinspect.reports.models import PublishJob

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
        cases=[case],
        themes=["safeguarding"],
        kind="child_safety",
        severity="high",
        found="Safety plan missing",
    )
    alerts.confirm(alice, alert)
    # Jobs in progress, so the sweep covers the progress pages as they look while one runs.
    PublishJob.objects.create(inspection=sampled, requested_by=alice, steps_total=4)
    importing = CaseloadImport.objects.create(
        inspection=sampled,
        uploaded_by=alice,
        file_name="large.csv",
        state="importing",
        rows_total=5000,
    )
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
        f"/inspections/{pk}/caseload/{importing.pk}/",
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


def test_a_running_job_updates_in_place_and_the_updates_can_be_paused(page: Page, sampled, alice):
    from playwright.sync_api import expect

    from .conftest import open_inspection

    job = PublishJob.objects.create(inspection=sampled, requested_by=alice, steps_total=4)
    sign_in(page, "alice")
    open_inspection(page, "Cwm Afon YJS", "Report")
    status = page.get_by_role("status").filter(has_text="Publishing")
    expect(status).to_have_text("Publishing: 0 of 4 steps done.")
    PublishJob.objects.filter(pk=job.pk).update(steps_done=2)
    expect(status).to_have_text("Publishing: 2 of 4 steps done.", timeout=8000)  # no reload
    page.get_by_role("button", name="Pause updates").click()
    expect(page.get_by_role("button", name="Resume updates")).to_have_attribute(
        "aria-pressed", "true"
    )
    PublishJob.objects.filter(pk=job.pk).update(steps_done=3)
    page.wait_for_timeout(4500)
    expect(status).to_have_text("Publishing: 2 of 4 steps done.")  # paused: unchanged
    page.get_by_role("button", name="Resume updates").click()
    expect(status).to_have_text("Publishing: 3 of 4 steps done.", timeout=8000)
