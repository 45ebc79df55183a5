"""A 2012–2017 full joint inspection (Cwm Taf 2017) is assessed from its statutory sample:
each area's case-assessment questions are answered case by case, the team rates the areas
with those figures beside them, evidence can be about an area as a whole, and the themed
area carries the title the inspection gave it."""

from __future__ import annotations

from datetime import date

import pytest

from yjinspect.cases import assessment, caseload, sampling
from yjinspect.cases.models import SampledCase
from yjinspect.inspections import services as inspections

from ..conftest import at_stage


@pytest.fixture
def joint(service, alice, caseload_file):
    created = inspections.create_inspection(
        alice,
        service=service,
        framework_id="hmip-fji-2012",
        fieldwork_start=date(2024, 5, 13),
        fieldwork_end=date(2024, 5, 17),
    )
    inspections.advance_status(alice, created, "data_in_advance")
    upload = caseload_file()
    caseload.confirm_import(alice, caseload.check_upload(alice, created, upload.name, upload))
    inspections.advance_status(alice, created, "sampling")
    created.refresh_from_db()
    sampling.draw(alice, created, seed=5)
    sampling.allocate(alice, created)
    inspections.advance_status(alice, created, "fieldwork")
    created.refresh_from_db()
    return created


def test_the_statutory_sample_is_assessed_and_the_areas_rated_from_it(joint, as_user, alice):
    cases = list(SampledCase.objects.filter(inspection=joint))
    assert cases and {c.population for c in cases} == {"statutory"}
    areas = [s.id for s in assessment.applicable_standards(joint, cases[0])]
    assert areas == ["A1", "A2", "A3", "A4"]  # governance and the themed area are not case work
    for n, case in enumerate(cases[:4]):  # A1.1 sufficient in 3 of 4 cases
        standard = joint.framework.standard("A1")
        assessment.save(
            alice,
            case,
            standard,
            kind="first",
            version=0,
            answers={
                "A1.1": assessment.AnswerInput("yes" if n < 3 else "no"),
                "A1.2": assessment.AnswerInput("yes"),
                "A1.3": assessment.AnswerInput("na"),
            },
            case_manager_present=True,
            submit=True,
        )
    client = as_user(alice)
    page = client.get(f"/inspections/{joint.pk}/standards/A1/").content.decode()
    assert "Case evidence" in page and "A1.1: 75% (3 of 4)" in page
    client.post(
        f"/inspections/{joint.pk}/standards/A1/",
        {"rating": "satisfactory", "reasons": "Assessments sound; plans thin.", "version": 0},
    )
    ratings_page = client.get(f"/inspections/{joint.pk}/ratings/").content.decode()
    assert "Satisfactory" in ratings_page and "A1.1: 75% (3 of 4)" in ratings_page
    assert "this framework gives no overall rating" in ratings_page


def test_evidence_can_be_about_an_area_with_no_key_questions(joint, as_user, alice):
    client = as_user(alice)
    url = f"/inspections/{joint.pk}/standards/A5/"
    page = client.get(url).content.decode()
    assert "The standard as a whole" in page
    response = client.post(
        url,
        {
            "key_question_id": "standard",
            "source": "meeting_board",
            "summary": "Board minutes thin.",
        },
    )
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "Board minutes thin." in page


def test_the_themed_area_is_named_per_inspection(joint, as_user, alice, ian):
    client = as_user(alice)
    detail = client.get(f"/inspections/{joint.pk}/").content.decode()
    assert "Not named yet" in detail and f"/inspections/{joint.pk}/themed-area/" in detail
    url = f"/inspections/{joint.pk}/themed-area/"
    page = client.post(url, {"A6-en": "", "A6-cy": ""}).content.decode()
    assert "Enter the title in English" in page
    client.post(
        url,
        {
            "A6-en": "Interventions to reduce reoffending",
            "A6-cy": "Ymyriadau i leihau aildroseddu",
        },
    )
    ratings_page = client.get(f"/inspections/{joint.pk}/ratings/").content.decode()
    assert "A6 Interventions to reduce reoffending" in ratings_page
    welsh = client.get(f"/inspections/{joint.pk}/report/draft/?lang=cy").content.decode()
    assert "A6 Ymyriadau i leihau aildroseddu" in welsh
    # Only the lead names it; once published it is fixed.
    from django.test import Client

    inspections.assign_team_member(alice, joint, ian, "inspector")
    other = Client()
    other.force_login(ian)
    assert other.get(url).status_code == 403
    at_stage(joint, "published")
    assert "can no longer change" in client.get(url).content.decode()
