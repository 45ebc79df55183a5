"""A 2025 inspection: the victims list in the data in advance, a children's and a victims'
sample drawn from the two lists, both assessed, ratings by activity with court and
out-of-court results apart, the overall recorded, and the report published with it."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from yjinspect.cases import assessment, caseload, sampling
from yjinspect.cases.models import Case, SampledCase
from yjinspect.inspections import services as inspections
from yjinspect.synthetic import caseload_csv, victims_csv

from ..conftest import at_stage, publish_now

FIELDWORK = date(2025, 9, 8)


def upload(text: str, name: str = "victims.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


@pytest.fixture
def data_in_advance(service, alice, ian, lara):
    created = inspections.create_inspection(
        alice,
        service=service,
        framework_id="hmip-yjs-2025",
        fieldwork_start=FIELDWORK,
        fieldwork_end=date(2025, 9, 12),
    )
    inspections.assign_team_member(alice, created, ian, "inspector")
    inspections.assign_team_member(alice, created, lara, "local_assessor")
    inspections.advance_status(alice, created, "data_in_advance")
    cases = upload(caseload_csv(300, fieldwork=FIELDWORK, seed=3), "caseload.csv")
    caseload.confirm_import(alice, caseload.check_upload(alice, created, cases.name, cases))
    return created


def test_the_victims_list_is_checked_by_row_and_taken_whole(data_in_advance, as_user, alice):
    client = as_user(alice)
    url = f"/inspections/{data_in_advance.pk}/caseload/"
    page = client.get(url).content.decode()
    assert "Victims list" in page and "0 victims listed." in page
    # Moving on to sampling waits for the list.
    detail = client.get(f"/inspections/{data_in_advance.pk}/").content.decode()
    assert "Import the victims list." in detail

    bad = (
        "victim_ref,disposal,disposal_type,start_date,victim_type\n"
        "V1,court,referral order,2025-01-10,individual\n"
        "V2,court,referral order,31/02/2025,person\n"
    )
    page = client.post(url, {"form": "victims", "victims_file": upload(bad)}).content.decode()
    assert "start_date: 1 row (3): &#39;31/02/2025&#39; is not a date" in page
    assert "victim_type: 1 row (3): &#39;person&#39; is not one of" in page
    assert not Case.objects.filter(source="victims").exists()  # nothing of a bad file

    named = "victim_ref,victim_name,disposal,disposal_type,start_date,victim_type\n"
    page = client.post(url, {"form": "victims", "victims_file": upload(named)}).content.decode()
    assert "victim_name" in page and "never names" in page

    good = victims_csv(60, fieldwork=FIELDWORK, seed=3)
    response = client.post(url, {"form": "victims", "victims_file": upload(good)})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "60 victims listed." in page
    assert Case.objects.filter(source="caseload").count() == 300  # the children's untouched
    detail = client.get(f"/inspections/{data_in_advance.pk}/").content.decode()
    assert "Import the victims list." not in detail


@pytest.fixture
def fieldwork_2025(data_in_advance, alice):
    from yjinspect.cases import victims

    listed = upload(victims_csv(60, fieldwork=FIELDWORK, seed=3))
    victims.import_victims(alice, data_in_advance, listed.name, listed)
    inspections.advance_status(alice, data_in_advance, "sampling")
    data_in_advance.refresh_from_db()
    sampling.draw(alice, data_in_advance, seed=8)
    sampling.allocate(alice, data_in_advance)
    inspections.advance_status(alice, data_in_advance, "fieldwork")
    data_in_advance.refresh_from_db()
    return data_in_advance


def answer_all(inspection, user, population, value_of):
    for n, case in enumerate(
        SampledCase.objects.filter(inspection=inspection, population=population)
    ):
        for standard in assessment.applicable_standards(inspection, case):
            assessment.save(
                user,
                case,
                standard,
                kind="first",
                version=0,
                answers={
                    kq: assessment.AnswerInput(value_of(n, case, kq))
                    for kq in standard.key_question_ids
                },
                case_manager_present=True,
                submit=True,
            )


def test_both_samples_are_drawn_assessed_and_rated_to_a_published_overall(
    fieldwork_2025, as_user, alice
):
    inspection = fieldwork_2025
    sample = SampledCase.objects.filter(inspection=inspection)
    victims_sample = sample.filter(population="victims")
    assert 9 <= victims_sample.count() <= 24
    assert all(s.case.source == "victims" for s in victims_sample)
    assert all(s.case.source == "caseload" for s in sample.filter(population="children"))
    assert [s.id for s in assessment.applicable_standards(inspection, victims_sample[0])] == ["V1"]
    children = sample.filter(population="children").first()
    assert [s.id for s in assessment.applicable_standards(inspection, children)] == [
        "1.1",
        "1.2",
        "1.3",
    ]

    # Out-of-court assessing for community safety is weak; everything else sufficient.
    def child_answer(n, case, kq):
        return "no" if kq == "1.1.3" and case.case.disposal == "out_of_court" else "yes"

    answer_all(inspection, alice, "children", child_answer)
    answer_all(inspection, alice, "victims", lambda n, case, kq: "yes" if n % 4 else "no")

    client = as_user(alice)
    url = f"/inspections/{inspection.pk}/ratings/"
    page = client.get(url).content.decode()
    assert "1.1 Assessing" in page and "1.3 Delivering" in page and "V1 Work with victims" in page
    # The weakness shows apart: out-of-court 0% on 1.1.3 while court work is 100%.
    assert "out-of-court disposal: 0%" in page and "court disposal: 100%" in page

    at_stage(inspection, "rated")
    assert "Record the overall rating and the reasons for it." in client.get(url).content.decode()
    client.post(
        url,
        {
            "action": "overall",
            "overall-rating": "good",
            "overall-reasons": "Strong court work; out-of-court assessing must improve.",
            "overall-version": 0,
        },
    )
    from yjinspect.findings import services as findings

    findings.add_recommendation(
        alice,
        inspection,
        body="board",
        body_name="Cwm Afon Management Board",
        text="Make out-of-court assessments analyse community safety.",
        text_cy="Sicrhau bod asesiadau y tu allan i'r llys yn dadansoddi diogelwch y gymuned.",
        standards=["1.1"],
    )
    publish_now(inspection, alice)
    report = client.get(f"/inspections/{inspection.pk}/report/").content.decode()
    published = inspection.published_ratings["en"]
    assert published["overall"] == "good"
    assert "Strong court work" in published["overall_reason"]
    assert (
        published["standards"]["1.1"]["key_questions"]["1.1.3"]["by"]["out_of_court"]["percent"]
        == 0
    )
    assert report  # the report page opens once published


def test_victims_cases_are_moderated_and_a_victims_view_needs_consent(
    fieldwork_2025, as_user, alice, ian
):
    from yjinspect.cases import moderation
    from yjinspect.fieldwork.models import EvidenceItem

    inspection = fieldwork_2025
    moderation.select_cases(alice, inspection, 5)
    chosen = SampledCase.objects.filter(inspection=inspection, for_moderation=True)
    # However small the share, the victims' sample is moderated too.
    assert chosen.filter(population="victims").exists()
    assert chosen.filter(population="children").exists()

    client = as_user(ian)
    url = f"/inspections/{inspection.pk}/standards/V1/"
    view = {"key_question_id": "V1.1", "source": "victim_view", "summary": "Felt listened to."}
    page = client.post(url, view).content.decode()
    assert "consent" in page.lower()
    assert not EvidenceItem.objects.exists()
    client.post(
        f"/inspections/{inspection.pk}/consents/",
        {"reference": "V-C-001", "person": "victim", "given_on": "09/09/2025"},
    )
    from yjinspect.fieldwork.models import Consent

    consent = Consent.objects.get(reference="V-C-001")
    assert client.post(url, {**view, "consent": consent.pk}).status_code == 302
    assert EvidenceItem.objects.get().source == "victim_view"
