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
        text_cy="Roedd rheolwyr yn rhy brysur i oruchwylio.",
        key_questions=[],
        evidence=[],
    )
    findings.add_recommendation(
        alice,
        sampled,
        body="board",
        body_name="Cwm Afon Management Board",
        text="Give the board the data it needs.",
        text_cy="Rhoi i'r bwrdd y data sydd ei angen arno.",
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


# The sections of a report as the inspectorate writes it, in their order (issue 14).
SECTIONS = (
    "Foreword",
    "Overall findings",
    "Summary of ratings",
    "Recommendations",
    "Background and contextual facts",
    "Domain 1:",
    "Domain 2:",
    "The views of children, parents or carers and victims",
    "Case alerts",
    "Caseload profile",
    "Care status",
    "Methodology",
    "The inspection team and partner inspectorates",
    "Annex: how the ratings are reached",
)


def test_the_pdf_has_every_section_in_order(rated, as_user, alice):
    from yjinspect.fieldwork import services as fieldwork
    from yjinspect.reports import content

    content.save_content(
        alice,
        rated,
        foreword="We inspected the service in May.",
        foreword_cy="",
        overall="Strong leadership.",
        overall_cy="",
        welsh=False,
    )
    consent = fieldwork.record_consent(alice, rated, "V-1", "victim", rated.fieldwork_start)
    fieldwork.add_evidence(
        alice,
        rated,
        "1.1",
        key_question_id="1.1.1",
        source="victim_view",
        summary="Felt heard",
        consent=consent,
    )
    response = as_user(alice).get(f"/inspections/{rated.pk}/report/draft.pdf?lang=en")
    text = " ".join(pdf_text(response.content).split())
    places = [text.find(section) for section in SECTIONS]
    missing = [s for s, at in zip(SECTIONS, places, strict=True) if at < 0]
    assert missing == []
    assert places == sorted(places), "the sections are out of order"
    assert "We inspected the service in May." in text and "Strong leadership." in text
    assert "Victim" in text and "1.1 Governance and leadership" in text  # a view, by theme
    assert "looked after" in text  # the caseload's care status
    assert "Draft: not for publication" in text
    assert "Estyn" in text  # the partner inspectorates in Wales, from the framework data
    assert "An inspection of youth offending services in Cwm Afon and Bryn Uchaf" in text


def test_every_page_of_a_published_pdf_names_its_version_and_date_and_it_carries_a_checksum(
    rated, alice, client
):
    from django.utils import timezone

    from yjinspect.reports import services as reports

    ready_to_publish(rated, alice)
    english = next(r for r in reports.publish(alice, rated) if r.language == "en")
    pages = PdfReader(io.BytesIO(bytes(english.pdf))).pages
    footer = f"Version 1, published {timezone.localdate().strftime('%d/%m/%Y')}"
    assert len(pages) > 3
    assert all(footer in page.extract_text() for page in pages)
    assert english.content_sha256 in pdf_text(bytes(english.pdf)).replace(" ", "").replace("\n", "")
    # Anyone holding the page can check it: its checksum is of the page with itself left out.
    unmarked = english.html.replace(english.content_sha256, "")
    assert hashlib.sha256(unmarked.encode()).hexdigest() == english.content_sha256

    # Published reports are public: a list, the page and the PDF, with no sign-in.
    client.logout()
    listing = client.get("/reports/").content.decode()
    assert f"/reports/{english.pk}/" in listing and "Cwm Afon YJS" in listing
    page = client.get(f"/reports/{english.pk}/")
    assert page.status_code == 200 and english.content_sha256 in page.content.decode()
    pdf = client.get(f"/reports/{english.pk}.pdf")
    assert hashlib.sha256(pdf.content).hexdigest() == english.sha256
    # A draft stays private.
    assert client.get(f"/inspections/{rated.pk}/report/draft/").status_code == 302


def test_the_title_follows_the_framework(rated):
    from yjinspect.inspections.models import Inspection
    from yjinspect.reports.services import report_title

    later = Inspection(
        service=rated.service,
        framework_id="hmip-yjs-2025",
        fieldwork_start=rated.fieldwork_start,
        fieldwork_end=rated.fieldwork_end,
    )
    assert report_title(later, "en") == (
        "An inspection of youth justice work with children and victims in Cwm Afon and Bryn Uchaf"
    )
    assert report_title(later, "cy").endswith(": Cwm Afon a Bryn Uchaf")


def test_the_welsh_report_uses_the_welsh_text_and_says_where_it_is_missing(rated, alice, as_user):
    from yjinspect.findings.models import Finding

    page = as_user(alice).get(f"/inspections/{rated.pk}/report/draft/?lang=cy").content.decode()
    assert "Roedd rheolwyr yn rhy brysur i oruchwylio." in page  # the finding's Welsh
    assert "Managers were too stretched" not in page
    assert "Rhoi i&#39;r bwrdd y data sydd ei angen arno." in page
    assert "gwryw" in page  # data values in Welsh ("male")
    Finding.objects.update(text_cy="")
    page = as_user(alice).get(f"/inspections/{rated.pk}/report/draft/?lang=cy").content.decode()
    assert "Dim cyfieithiad Cymraeg eto; y Saesneg yw:" in page
    assert "Managers were too stretched to supervise." in page


def test_a_welsh_service_publishes_only_with_every_welsh_text(rated, alice, as_user):
    from yjinspect.findings.models import Finding

    ready_to_publish(rated, alice)
    Finding.objects.update(text_cy="")
    client = as_user(alice)
    report_page = client.get(f"/inspections/{rated.pk}/report/").content.decode()
    assert "a finding on 1.2" in report_page  # listed as still without Welsh
    refused = client.post(f"/inspections/{rated.pk}/report/", follow=True).content.decode()
    assert "The Welsh version needs its Welsh text first: a finding on 1.2" in refused
    assert not PublishedReport.objects.exists()


def test_an_english_service_publishes_in_english(rated, alice, as_user):
    from yjinspect.findings.models import Finding, Recommendation
    from yjinspect.reports import services as reports

    rated.service.nation = "england"
    rated.service.save()
    ready_to_publish(rated, alice)
    Finding.objects.update(text_cy="")
    Recommendation.objects.update(text_cy="")
    page = as_user(alice).get(f"/inspections/{rated.pk}/report/").content.decode()
    assert "The report is published in English." in page
    assert [r.language for r in reports.publish(alice, rated)] == ["en"]


def test_an_english_service_may_choose_welsh_too_and_then_needs_its_text(rated, alice, as_user):
    from yjinspect.findings.models import Finding, Recommendation

    rated.service.nation = "england"
    rated.service.save()
    ready_to_publish(rated, alice)
    Finding.objects.update(text_cy="")
    client = as_user(alice)
    page = client.post(
        f"/inspections/{rated.pk}/report/",
        {"form": "content", "version": 0, "welsh": "on"},
        follow=True,
    ).content.decode()
    assert "The report is published in English and Welsh." in page
    refused = client.post(f"/inspections/{rated.pk}/report/", follow=True).content.decode()
    assert "The Welsh version needs its Welsh text first: a finding on 1.2" in refused
    Finding.objects.update(text_cy="Canfyddiad")
    Recommendation.objects.update(text_cy="Argymhelliad")
    client.post(f"/inspections/{rated.pk}/report/")
    assert sorted(PublishedReport.objects.values_list("language", flat=True)) == ["cy", "en"]


def test_welsh_keeps_different_words_for_different_things():
    from django.utils import translation
    from django.utils.translation import gettext

    with translation.override("cy"):
        assert gettext("Announced") != gettext("Published")
        assert gettext("Alert") != gettext("Warning")
        assert gettext("Rating") == "Gradd"
        assert gettext("Score %(score)s/%(max)s").startswith("Sgôr")


def test_a_standard_not_rated_shows_its_reason_in_the_report_and_there_is_no_score(
    rated, as_user, alice
):
    ratings.set_override(
        alice, rated, "3.4", "not_rated", "Only two joint cases.", not_rated_reason="small_service"
    )
    page = as_user(alice).get(f"/inspections/{rated.pk}/report/draft/?lang=en").content.decode()
    assert (
        'Not rated <span class="reason">(not rated: small service: too few cases to rate)' in page
    )
    assert "Score " not in page and "standard 3.4" in page
    welsh = as_user(alice).get(f"/inspections/{rated.pk}/report/draft/?lang=cy").content.decode()
    assert "heb ei raddio: gwasanaeth bach: rhy ychydig o achosion i&#39;w graddio" in welsh
