"""A service assesses itself against the national standards with the inspection machinery:
its manager starts and leads it, colleagues assess, the caseload comes from the service's own
records, the sample is 20% of the cases relevant to each standard (at least 20), one case
serves every standard it is relevant to, and the ratings are signed off. The inspectorate never
sees it; an inspection announced later takes the last result as data in advance."""

from __future__ import annotations

import html
import re
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from yjinspect.boardpack.models import DataInAdvance
from yjinspect.cases import assessment, sampling
from yjinspect.cases.models import Case, SampledCase
from yjinspect.inspections import services as inspections
from yjinspect.inspections.models import Inspection
from yjinspect.ratings import services as ratings
from yjinspect.selfassessment import services as self_assessment

from ..conftest import _person, at_stage, service_case

AUDIT = date(2025, 6, 2)
CUSTODY = "detention and training order"


def text(response) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


@pytest.fixture
def records(service):
    """The service's caseload: 150 court cases (30 of them in custody) and 40 out-of-court,
    started in the year before the audit, and 10 that started after it."""
    kinds = [("court", CUSTODY)] * 30 + [("court", "referral order")] * 120
    kinds += [("out_of_court", "youth caution")] * 40
    for n, (disposal, kind) in enumerate(kinds):
        service_case(
            service,
            f"SA{n:03d}",
            disposal=disposal,
            disposal_type=kind,
            sex="male" if n % 5 else "female",
            age=14 + n % 4,
            rosh="medium" if n % 3 else "high",
            starts_on=AUDIT - timedelta(days=10 + n),
        )
    for n in range(10):
        service_case(service, f"LATE{n}", starts_on=AUDIT + timedelta(days=5))


@pytest.fixture
def sam(service):
    return _person("sam", "service_staff", service=service)


def start(mona, service, standards):
    return self_assessment.start(
        mona,
        service,
        framework_id="yjb-ns-2019",
        standards=standards,
        audit_start=AUDIT,
        audit_end=AUDIT + timedelta(days=14),
    )


def drawn(mona, sam, service, standards):
    """Started, caseload taken from the records, sample drawn and allocated, in fieldwork."""
    run = start(mona, service, standards)
    inspections.assign_team_member(mona, run, sam, "local_assessor")
    inspections.advance_status(mona, run, "data_in_advance")
    self_assessment.take_caseload(mona, run)
    inspections.advance_status(mona, run, "sampling")
    run = Inspection.objects.get(pk=run.pk)
    sampling.draw(mona, run, seed=5)
    sampling.allocate(mona, run)
    inspections.advance_status(mona, run, "fieldwork")
    return Inspection.objects.get(pk=run.pk)


def test_the_framework_is_for_self_assessment_and_not_offered_for_inspection(
    as_user, alice, service
):
    page = as_user(alice).get(reverse("inspections:create")).content.decode()
    assert "hmip-yjs-2021" in page and "yjb-ns-2019" not in page
    with pytest.raises(ValidationError, match="assesses itself"):
        inspections.create_inspection(
            alice,
            service=service,
            framework_id="yjb-ns-2019",
            fieldwork_start=AUDIT,
            fieldwork_end=AUDIT,
        )


def test_a_manager_starts_one_standard_and_leads_it(mona, service):
    run = start(mona, service, ["2"])
    assert run.is_self_assessment
    assert [d.id for d in run.framework.domains] == ["2"]
    assert [s.id for s in run.framework.standards] == ["2.1", "2.2"]
    assert run.team.get().user == mona


def test_staff_cannot_start_one_and_nothing_is_created(service, sam):
    with pytest.raises(PermissionDenied):
        start(sam, service, ["2"])
    assert not Inspection.objects.exists()


def test_no_standard_chosen_is_refused(mona, service):
    with pytest.raises(ValidationError, match="at least one standard"):
        start(mona, service, [])
    with pytest.raises(ValidationError, match="No such standard: 9"):
        start(mona, service, ["9"])


def test_the_caseload_comes_from_the_records_as_they_stood(mona, service, records):
    run = start(mona, service, ["2"])
    inspections.advance_status(mona, run, "data_in_advance")
    assert self_assessment.take_caseload(mona, run) == 190  # the 10 later cases left out
    assert Case.objects.filter(inspection=run, case_ref__startswith="LATE").count() == 0
    with pytest.raises(ValidationError, match="already been taken"):
        self_assessment.take_caseload(mona, run)


def test_the_sample_is_a_fifth_of_each_standards_cases_with_a_minimum_of_20(
    mona, sam, service, records
):
    run = drawn(mona, sam, service, ["1", "2", "3", "4", "5"])
    summary = run.sample.summary
    # 40 out-of-court (20% is 8: at least 20), 150 at court (30), 120 in the community (24),
    # 30 in custody for 4 and 5 (6: at least 20).
    sizes = {name: (s["eligible"], s["size"]) for name, s in summary.items()}
    assert sizes == {
        "out_of_court": (40, 20),
        "at_court": (150, 30),
        "community": (120, 24),
        "secure": (30, 20),
        "transition": (30, 20),
    }
    cases = list(SampledCase.objects.filter(inspection=run).select_related("case"))
    by_population = {name: sum(1 for c in cases if name in c.populations) for name in summary}
    assert by_population == {name: size for name, (_, size) in sizes.items()}
    # One case serves every standard it is relevant to: fewer cases than the sizes added up.
    assert len(cases) < sum(size for _, size in sizes.values())
    shared = next(c for c in cases if len(c.populations) > 1)
    standards = {s.id for s in assessment.applicable_standards(run, shared)}
    assert len(standards) == len(shared.populations)
    assert all(c.case.disposal_type == CUSTODY for c in cases if "secure" in c.populations)
    assert all(c.case.disposal_type != CUSTODY for c in cases if "community" in c.populations)


def test_the_sample_page_explains_the_share(mona, sam, service, records, as_user):
    run = drawn(mona, sam, service, ["2"])
    page = text(as_user(mona).get(reverse("cases:sample", args=[run.pk])))
    assert "20% of the 150 relevant cases is 30.0, rounded up." in page
    assert "z =" not in page


def test_assessed_rated_and_signed_off_by_the_service(mona, sam, service, records):
    run = drawn(mona, sam, service, ["2"])
    standard = run.framework.standard("2.2")
    cases = list(sampling.current_sample(run))
    for n, case in enumerate(cases):
        assessment.save(
            case.assessor,
            case,
            standard,
            kind="first",
            version=0,
            answers={
                "2.2.1": assessment.AnswerInput("yes" if n % 4 else "no"),  # 75%
                "2.2.2": assessment.AnswerInput("yes"),
                "2.2.3": assessment.AnswerInput("yes"),
            },
            case_manager_present=True,
            submit=True,
        )
    at_stage(run, "moderation")
    ratings.record_judgement(
        mona, run, "2.1", rating="good", reasons="Court work is well organised.", version=0
    )
    at_stage(run, "rated")
    signed = ratings.sign_off(mona, run)
    standards = signed.snapshot["ratings"]["en"]["standards"]
    assert standards["2.2"]["rating"] == "good" and standards["2.2"]["percent"] == 73
    assert standards["2.1"]["rating"] == "good"
    assert signed.snapshot["overall"] is None  # the national standards give none


def test_the_inspectorate_never_sees_it(client, mona, ada, alice, service):
    run = start(mona, service, ["2"])
    for person in (ada, alice):
        client.force_login(person)
        assert client.get(reverse("inspections:detail", args=[run.pk])).status_code == 404
        listed = client.get(reverse("inspections:list")).content.decode()
        assert reverse("inspections:detail", args=[run.pk]) not in listed
        assert client.get(reverse("selfassessment:list", args=[service.pk])).status_code == 403


def test_only_the_services_people_join_its_team(mona, alice, service):
    run = start(mona, service, ["2"])
    with pytest.raises(ValidationError, match="service's own people"):
        inspections.assign_team_member(mona, run, alice, "local_assessor")
    with pytest.raises(ValidationError, match="roles offered"):
        inspections.assign_team_member(mona, run, mona, "partner_inspector")


def test_the_page_starts_one_and_lists_it(as_user, mona, service):
    client = as_user(mona)
    home = text(client.get(reverse("services:detail", args=[service.pk])))
    assert "Self-assessment against the national standards" in home
    url = reverse("selfassessment:list", args=[service.pk])
    refused = client.post(
        url,
        {
            "framework_id": "yjb-ns-2019",
            "audit_start": "02/06/2025",
            "audit_end": "01/06/2025",
        },
    )
    page = text(refused)
    assert "Choose at least one standard to assess" in page
    assert "The audit must end on or after the day it starts" in page
    assert not Inspection.objects.exists()
    response = client.post(
        url,
        {
            "framework_id": "yjb-ns-2019",
            "standards": ["2"],
            "audit_start": "02/06/2025",
            "audit_end": "16/06/2025",
        },
    )
    run = Inspection.objects.get()
    assert response["Location"] == reverse("inspections:detail", args=[run.pk])
    listed = text(client.get(url))
    assert "Standard 2: at court" in listed and "Announced" in listed


def test_a_later_inspection_takes_the_last_result_as_data_in_advance(
    mona, sam, alice, service, records, as_user
):
    test_assessed_rated_and_signed_off_by_the_service(mona, sam, service, records)
    inspection = inspections.create_inspection(
        alice,
        service=service,
        framework_id="hmip-yjs-2021",
        fieldwork_start=date.today() + timedelta(days=60),
        fieldwork_end=date.today() + timedelta(days=64),
    )
    taken = DataInAdvance.objects.get(inspection=inspection).section("en", "self_assessment")
    assert "Standard 2: at court" in taken and "Operational" in taken and "73%" in taken
    cy = DataInAdvance.objects.get(inspection=inspection).section("cy", "self_assessment")
    assert "Safon 2: yn y llys" in cy
    page = text(as_user(alice).get(reverse("ratings:judgement", args=[inspection.pk, "1.1"])))
    assert "Standard 2: at court" in page and "73%" in page


def test_data_in_advance_is_taken_again_until_the_sample(mona, alice, service, as_user, records):
    inspection = inspections.create_inspection(
        alice,
        service=service,
        framework_id="hmip-yjs-2021",
        fieldwork_start=date.today() + timedelta(days=60),
        fieldwork_end=date.today() + timedelta(days=64),
    )
    first = DataInAdvance.objects.get(inspection=inspection).taken_at
    client = as_user(alice)
    url = reverse("data_in_advance:data_in_advance", args=[inspection.pk])
    assert "Take the data in advance again" in client.get(url).content.decode()
    client.post(url)
    assert DataInAdvance.objects.get(inspection=inspection).taken_at > first
    at_stage(inspection, "sampling")
    assert "Take the data in advance again" not in client.get(url).content.decode()
    again = DataInAdvance.objects.get(inspection=inspection).taken_at
    page = text(client.post(url, follow=True))
    assert "not possible at the Sampling stage" in page
    assert DataInAdvance.objects.get(inspection=inspection).taken_at == again
    # The service sees the page but may not take it again.
    assert as_user(mona).post(url).status_code == 403


def test_its_recommendations_become_an_improvement_plan_kept_from_the_public(
    mona, sam, service, records, client
):
    from yjinspect.findings import services as findings
    from yjinspect.plans import services as plans
    from yjinspect.reports import services as reports
    from yjinspect.reports.models import PublishedReport

    test_assessed_rated_and_signed_off_by_the_service(mona, sam, service, records)
    run = Inspection.objects.self_assessments().get()
    recommendation = findings.add_recommendation(
        mona,
        run,
        body="service",
        body_name="Cwm Afon YJS",
        text="Explain court to every child before the hearing.",
        standards=["2.2"],
    )
    recommendation.text_cy = "Esbonio'r llys i bob plentyn cyn y gwrandawiad."
    recommendation.save(update_fields=["text_cy"])
    at_stage(run, "factual_accuracy")
    reports.publish(mona, run)
    published = Inspection.objects.get(pk=run.pk)
    assert published.status == "published"
    from yjinspect.national.models import PublishedInspection

    assert not PublishedInspection.objects.exists()  # never in the national picture
    action = plans.add_action(
        mona,
        type(recommendation).objects.get(pk=recommendation.pk),
        action="A court leaflet in plain words",
        owner="Court officer",
        due=date.today() + timedelta(days=60),
    )
    assert plans.actions_of(published).get() == action
    # Its report is the service's: never among the public reports.
    report = PublishedReport.objects.filter(inspection=published).first()
    assert report is not None
    assert client.get(reverse("public_reports:report", args=[report.pk])).status_code == 404
    assert (
        reverse("public_reports:report", args=[report.pk])
        not in client.get(reverse("public_reports:list")).content.decode()
    )
