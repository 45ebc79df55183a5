"""The report: HTML and PDF in English and Welsh, built from the records, and published as
immutable numbered versions with a checksum."""

from __future__ import annotations

import hashlib
import io

import pytest
from pypdf import PdfReader

from yjinspect.findings import services as findings
from yjinspect.ratings import services as ratings
from yjinspect.reports.models import PublishedReport

from ..conftest import at_stage, ready_to_publish

JUDGEMENT_2018 = ("1.1", "1.2", "1.3", "1.4")


@pytest.fixture
def rated(sampled, alice):
    """Every standard rated, so the report has a score, with a finding and a recommendation."""
    from yjinspect.cases import assessment
    from yjinspect.cases.models import SampledCase

    for sid in JUDGEMENT_2018:
        ratings.record_judgement(alice, sampled, sid, "good", "Evidence from meetings")
    for case in SampledCase.objects.filter(inspection=sampled):
        for standard in assessment.applicable_standards(sampled, case):
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
    findings.add_finding(
        alice,
        sampled,
        "1.2",
        kind="improvement",
        text="Managers were too stretched to supervise.",
        key_questions=[],
        evidence=[],
    )
    findings.add_recommendation(
        alice,
        sampled,
        body="board",
        body_name="Cwm Afon Management Board",
        text="Give the board the data it needs.",
        standards=["1.1"],
    )
    return sampled


def pdf_text(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_html_report_has_the_score_ratings_findings_and_recommendations(rated, as_user, alice):
    page = as_user(alice).get(f"/inspections/{rated.pk}/report/draft/?lang=en").content.decode()
    assert "Score 32/36 – Outstanding" in page  # 4 x Good + 8 x Outstanding
    assert "1.1 Governance and leadership" in page and "Outstanding" in page
    assert "Managers were too stretched to supervise." in page
    assert "Cwm Afon Management Board</strong> should: Give the board the data it needs." in page
    assert "aged 15–17" in page and "<svg" in page and "<desc>" in page
    assert (
        "in proportion to type of disposal, sex, risk of serious harm, safety and wellbeing, "
        "for 80% confidence with a 5% margin" in page
    )


def test_the_pdf_carries_the_ratings_table_and_the_score(rated, as_user, alice):
    response = as_user(alice).get(f"/inspections/{rated.pk}/report/draft.pdf?lang=en")
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Score 32/36 – Outstanding" in text
    assert "1.2 Staff" in text and "Ratings by standard" in text


def test_the_welsh_report_is_in_welsh(rated, as_user, alice):
    page = as_user(alice).get(f"/inspections/{rated.pk}/report/draft/?lang=cy").content.decode()
    assert '<html lang="cy">' in page
    assert "Sgôr 32/36 – Rhagorol" in page
    assert "Llywodraethu ac arweinyddiaeth" in page
    for english in (
        "Ratings by standard",
        "Recommendations",
        "Caseload profile",
        "Methodology",
        "Key questions in the inspected cases",
        "Fieldwork:",
    ):
        assert english not in page


def test_publishing_makes_an_immutable_version_in_both_languages_with_checksums(
    rated, as_user, alice
):
    ready_to_publish(rated, alice)
    client = as_user(alice)
    client.post(f"/inspections/{rated.pk}/report/")
    rated.refresh_from_db()
    assert rated.status == "published"  # by the publishing, not by hand
    english, welsh = (PublishedReport.objects.get(language=lang) for lang in ("en", "cy"))
    assert english.version == welsh.version == 1
    assert english.sha256 == hashlib.sha256(bytes(english.pdf)).hexdigest()
    page = client.get(f"/inspections/{rated.pk}/report/").content.decode()
    assert english.sha256 in page and welsh.sha256 in page
    download = client.get(f"/inspections/{rated.pk}/report/published/{english.pk}.pdf")
    assert hashlib.sha256(download.content).hexdigest() == english.sha256
    with pytest.raises(ValueError, match="cannot be changed"):
        english.save()
    # A correction is a new version with its reason; the first is kept.
    refused = client.post(f"/inspections/{rated.pk}/report/", follow=True).content.decode()
    assert "Say what the correction changes and why" in refused
    client.post(f"/inspections/{rated.pk}/report/", {"reason": "A typo in finding 1.2."})
    assert PublishedReport.objects.filter(version=2).count() == 2
    assert PublishedReport.objects.filter(version=1).count() == 2
    page = client.get(f"/inspections/{rated.pk}/report/").content.decode()
    assert "A typo in finding 1.2." in page


def test_only_the_lead_publishes_and_only_once_everything_is_ready(sampled, as_user, alice, ian):
    assert as_user(ian).post(f"/inspections/{sampled.pk}/report/").status_code == 403
    page = as_user(alice).post(f"/inspections/{sampled.pk}/report/", follow=True).content.decode()
    assert "Publishing the report is not possible at the Fieldwork stage" in page
    at_stage(sampled, "factual_accuracy")
    page = as_user(alice).post(f"/inspections/{sampled.pk}/report/", follow=True).content.decode()
    assert "Before publishing: Sign the ratings off. Make the recommendations." in page
    assert not PublishedReport.objects.exists()


def test_publishing_runs_as_a_job_that_reports_its_progress(rated, alice, as_user):
    from yjinspect.reports import services as reports
    from yjinspect.reports.models import PublishJob

    ready_to_publish(rated, alice)
    job = reports.start_publishing(alice, rated)
    job.refresh_from_db()
    assert (job.state, job.steps_done, job.steps_total, job.version) == ("done", 4, 4, 1)
    page = as_user(alice).get(f"/inspections/{rated.pk}/report/").content.decode()
    assert "Version 1 published" in page
    PublishJob.objects.create(inspection=rated, requested_by=alice, steps_total=4)  # running
    with pytest.raises(Exception, match="already being published"):
        reports.start_publishing(alice, rated, "A correction")
    running = as_user(alice).get(f"/inspections/{rated.pk}/report/").content.decode()
    # Progress without refreshing the page (WCAG 2.2.1): a live region, a way to look again.
    assert "Publishing: 0 of 4 steps done" in running and 'http-equiv="refresh"' not in running
    assert 'role="status"' in running and "Check progress" in running
    assert "Publish a new version" not in running
    progress = as_user(alice).get(f"/inspections/{rated.pk}/report/progress.json").json()
    assert progress == {
        "state": "running",
        "done": 0,
        "total": 4,
        "text": "Publishing: 0 of 4 steps done.",
    }


def test_a_failed_publication_publishes_nothing_and_says_so(rated, alice, as_user, monkeypatch):
    from yjinspect.reports import services as reports

    def broken(html):
        raise RuntimeError("renderer out of memory")

    monkeypatch.setattr(reports, "render_pdf", broken)
    ready_to_publish(rated, alice)
    job = reports.start_publishing(alice, rated)  # the job fails; the request does not
    job.refresh_from_db()
    assert job.state == "failed"
    assert not PublishedReport.objects.exists()
    page = as_user(alice).get(f"/inspections/{rated.pk}/report/").content.decode()
    assert "Publishing failed; nothing was published: renderer out of memory" in page
    rated.refresh_from_db()
    assert rated.status == "factual_accuracy" and rated.published_ratings is None


def test_drafts_exports_and_case_pages_are_never_stored(rated, as_user, alice):
    client = as_user(alice)
    case = rated.sampled_cases.filter(population="court").first()
    for path in (
        f"/inspections/{rated.pk}/report/draft/?lang=en",
        f"/inspections/{rated.pk}/report/draft.pdf?lang=en",
        f"/inspections/{rated.pk}/plan.csv",
        f"/inspections/{rated.pk}/cases/{case.pk}/2.1/",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "no-store" in response["Cache-Control"], path
