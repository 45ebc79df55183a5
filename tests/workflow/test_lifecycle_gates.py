"""The lifecycle is a rule, not a label: each stage allows only its operations, a move on needs
what the stage names, publishing (and only publishing) makes an inspection published, and a
published inspection's records and ratings are fixed."""

from __future__ import annotations

import shutil

import pytest
from django.core.exceptions import ValidationError

from yjinspect.alerts import services as alerts
from yjinspect.cases import assessment
from yjinspect.cases.models import SampledCase
from yjinspect.engine import loader, rate_inspection
from yjinspect.findings import services as findings
from yjinspect.findings.models import Finding, Recommendation
from yjinspect.inspections import lifecycle
from yjinspect.inspections import services as inspections
from yjinspect.inspections.models import Inspection, StatusChange
from yjinspect.ratings import services as ratings
from yjinspect.ratings.models import SignOff

from ..conftest import at_stage, publish_now


def submit(inspection, user, case, values):
    standard = inspection.framework.standard("2.1")
    answers = dict(zip(standard.key_question_ids, values, strict=True))
    return assessment.save(
        user,
        case,
        standard,
        kind="first",
        version=assessment.find(case, "2.1", "first").version
        if assessment.find(case, "2.1", "first")
        else 0,
        answers={k: assessment.AnswerInput(v) for k, v in answers.items()},
        case_manager_present=True,
        submit=True,
    )


@pytest.fixture
def published(sampled, alice):
    """Published with 2.1 rated from one case (lowest key question 0%: Inadequate)."""
    case = SampledCase.objects.filter(inspection=sampled, population="court").first()
    submit(sampled, alice, case, ["yes", "yes", "no"])
    ratings.record_judgement(alice, sampled, "1.1", "good", "A clear vision")
    findings.add_recommendation(
        alice,
        sampled,
        body="board",
        body_name="Cwm Afon Management Board",
        text="Set a vision",
        standards=["1.1"],
    )
    return publish_now(sampled, alice)


def test_every_requirement_the_table_names_has_a_check():
    assert lifecycle.required_names() <= lifecycle.registered_names()


def test_the_page_says_what_moving_on_needs_and_offers_the_move_only_when_possible(
    as_user, alice, inspection, caseload_file
):
    from yjinspect.cases import caseload

    client = as_user(alice)
    inspections.advance_status(alice, inspection, "data_in_advance")
    page = client.get(f"/inspections/{inspection.pk}/").content.decode()
    assert "Before moving on to Sampling" in page and "Import the caseload." in page
    assert "Move on to Sampling" not in page
    refused = client.post(
        f"/inspections/{inspection.pk}/stage/", {"to_status": "sampling"}, follow=True
    ).content.decode()
    assert "Before moving on to Sampling: Import the caseload." in refused
    inspection.refresh_from_db()
    assert inspection.status == "data_in_advance"

    upload = caseload_file(rows=50)
    caseload.confirm_import(alice, caseload.check_upload(alice, inspection, upload.name, upload))
    page = client.get(f"/inspections/{inspection.pk}/").content.decode()
    assert "Move on to Sampling" in page
    client.post(f"/inspections/{inspection.pk}/stage/", {"to_status": "sampling"})
    inspection.refresh_from_db()
    assert inspection.status == "sampling"
    # Each move is on the dated timeline with who made it.
    page = client.get(f"/inspections/{inspection.pk}/").content.decode()
    assert page.count('class="moj-timeline__item"') == 3
    assert '<h3 class="moj-timeline__title">Sampling</h3>' in page
    # The caseload is data in advance: it cannot change once sampling has begun.
    again = caseload_file(rows=10, seed=99)
    with pytest.raises(ValidationError, match="Importing the caseload is not possible"):
        caseload.check_upload(alice, inspection, again.name, again)


def test_nobody_publishes_an_inspection_by_hand(as_user, alice, sampled):
    at_stage(sampled, "factual_accuracy")
    with pytest.raises(ValidationError, match="when the report is published, not by hand"):
        inspections.advance_status(alice, sampled, "published")
    page = as_user(alice).get(f"/inspections/{sampled.pk}/").content.decode()
    assert "The inspection becomes published when the report is published." in page
    assert "Move on to Published" not in page


def test_after_publication_records_are_read_only_and_the_sign_off_stays(
    published, alice, ian, as_user
):
    assert published.status == "published"
    signed = SignOff.objects.get()
    case = SampledCase.objects.filter(inspection=published, population="court").first()
    # An inspector re-submitting an assessment during monitoring (the review's finding).
    at_stage(published, "monitoring")
    with pytest.raises(ValidationError, match="Assessing cases is not possible at the Monitoring"):
        submit(published, alice, case, ["yes", "yes", "yes"])
    with pytest.raises(ValidationError, match="not possible"):
        ratings.record_judgement(alice, published, "1.1", "outstanding", "Changed my mind")
    with pytest.raises(ValidationError, match="not possible"):
        findings.add_recommendation(
            alice,
            published,
            body="police",
            body_name="Cwm Afon Management Board",
            text="x",
            standards=["2.1"],
        )
    recommendation = Recommendation.objects.get()
    client = as_user(alice)
    page = client.post(
        f"/inspections/{published.pk}/recommendations/",
        {"remove": recommendation.pk},
        follow=True,
    ).content.decode()
    assert "Writing findings, summaries and recommendations is not possible" in page
    assert Recommendation.objects.filter(pk=recommendation.pk).exists()
    assert ratings.current_sign_off(published) == signed
    # The pages offer none of it.
    ratings_page = client.get(f"/inspections/{published.pk}/ratings/").content.decode()
    assert "Record override" not in ratings_page and "Sign off the ratings" not in ratings_page
    assert "These are the ratings as published." in ratings_page
    findings_page = client.get(f"/inspections/{published.pk}/findings/").content.decode()
    assert "Add a finding" not in findings_page
    assess_page = as_user(ian).get(f"/inspections/{published.pk}/cases/{case.pk}/2.1/")
    assert "Submit assessment" not in assess_page.content.decode()
    assert not Finding.objects.exists()


def test_a_framework_edit_after_publication_changes_no_published_figure(
    published, alice, as_user, tmp_path, monkeypatch
):
    client = as_user(alice)
    before = client.get(f"/inspections/{published.pk}/ratings/").content.decode()
    assert "Inadequate" in before
    # The same framework file with the case bands changed: 0% would now be Requires improvement.
    folder = tmp_path / "frameworks"
    shutil.copytree(loader.FRAMEWORKS_DIR, folder)
    path = folder / "hmip-yjs-2018.yaml"
    text = path.read_text()
    text = text.replace("    - {rating: inadequate, min_percent: 0}\n", "")
    text = text.replace(
        "{rating: requires_improvement, min_percent: 50}",
        "{rating: requires_improvement, min_percent: 0}",
    )
    path.write_text(text)
    monkeypatch.setattr(loader, "FRAMEWORKS_DIR", folder)
    loader.installed_frameworks.cache_clear()
    loader.framework_digest.cache_clear()
    try:
        fresh = Inspection.objects.get(pk=published.pk)
        live = rate_inspection(fresh.framework, ratings.evidence(fresh))
        assert live.standards["2.1"].rating == "requires_improvement"  # the edit does bite
        after = client.get(f"/inspections/{published.pk}/ratings/").content.decode()
        assert "Inadequate" in after
        assert fresh.published_ratings["en"]["standards"]["2.1"]["rating"] == "inadequate"
        # ...and the sign-off no longer matches the files, which re-opens nothing published.
        assert ratings.current_sign_off(fresh) is None
    finally:
        loader.installed_frameworks.cache_clear()
        loader.framework_digest.cache_clear()


def test_an_inspection_closes_only_when_every_alert_is_closed(published, alice):
    case = SampledCase.objects.filter(inspection=published).first()
    at_stage(published, "fieldwork")
    alert = alerts.raise_alert(
        alice,
        published,
        cases=[case],
        themes=["safeguarding"],
        kind="child_safety",
        severity="high",
        found="x",
    )
    at_stage(published, "monitoring")
    with pytest.raises(ValidationError, match=r"Close or withdraw every case alert \(1 open\)"):
        inspections.advance_status(alice, published, "closed")
    alerts.close(alice, alert, "Raised in error", withdraw=True)
    inspections.advance_status(alice, published, "closed")
    assert StatusChange.objects.filter(inspection=published, to_status="closed").exists()
    published.refresh_from_db()
    with pytest.raises(ValidationError, match="not possible at the Closed stage"):
        alerts.raise_alert(
            alice,
            published,
            cases=[case],
            themes=["safeguarding"],
            kind="child_safety",
            severity="high",
            found="y",
        )
