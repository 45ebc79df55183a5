"""The live ratings page: computed by the engine from submitted answers; overrides, judgements,
sign-off, and a sign-off re-opened when the evidence changes."""

from __future__ import annotations

from yjinspect.cases import assessment
from yjinspect.cases.models import SampledCase
from yjinspect.ratings import services as ratings
from yjinspect.ratings.models import RatingOverride, SignOff

from ..conftest import at_stage


def submit(inspection, user, case, values):
    standard = inspection.framework.standard("2.1")
    existing = assessment.find(case, "2.1", "first")
    assessment.save(
        user,
        case,
        standard,
        kind="first",
        version=existing.version if existing else 0,
        answers={
            kq: assessment.AnswerInput(v)
            for kq, v in zip(standard.key_question_ids, values, strict=True)
        },
        case_manager_present=True,
        submit=True,
    )


def test_ratings_come_from_submitted_answers_with_the_reason(sampled, as_user, alice):
    cases = list(SampledCase.objects.filter(inspection=sampled, population="court")[:5])
    for n, case in enumerate(cases):  # 2.1.2 is "yes" in 3 of 5 cases: 60%
        submit(sampled, alice, case, ["yes", "yes" if n < 3 else "no", "na"])
    page = as_user(alice).get(f"/inspections/{sampled.pk}/ratings/").content.decode()
    assert "lowest key question 2.1.2 at 60% (3 of 5)" in page
    assert "Requires improvement" in page
    assert "2.1.3: no applicable cases" in page


def override(client, url, standard_id, rating, reason, not_rated_reason=""):
    return client.post(
        url,
        {
            "action": "override",
            "standard_id": standard_id,
            "rating": rating,
            "reason": reason,
            "not_rated_reason": not_rated_reason,
        },
    )


def test_an_override_needs_a_reason_and_is_shown_with_the_rating(sampled, as_user, alice):
    case = SampledCase.objects.filter(inspection=sampled, population="court").first()
    submit(sampled, alice, case, ["yes", "no", "na"])
    client = as_user(alice)
    url = f"/inspections/{sampled.pk}/ratings/"
    page = override(client, url, "2.1", "good", "").content.decode()
    assert "Enter the reason" in page
    override(client, url, "2.1", "good", "Small sample at the boundary")
    page = client.get(url).content.decode()
    assert "Overridden" in page and "Small sample at the boundary" in page


def test_an_override_needs_cases_to_override(sampled, as_user, alice):
    client = as_user(alice)
    url = f"/inspections/{sampled.pk}/ratings/"
    page = override(client, url, "2.2", "good", "Looked fine").content.decode()
    assert "No assessed case applies to 2.2, so there is no rating to override" in page
    assert not RatingOverride.objects.exists()


def test_a_case_standard_with_no_cases_is_recorded_as_not_rated_with_the_reason(
    sampled, as_user, alice
):
    client = as_user(alice)
    url = f"/inspections/{sampled.pk}/ratings/"
    page = override(client, url, "3.4", "not_rated", "Two cases only").content.decode()
    assert "Choose why the standard is not rated" in page
    response = override(client, url, "3.4", "not_rated", "Two cases only", "small_service")
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "not rated: small service: too few cases to rate" in page
    # With a scored standard not rated, the page says there is no score, and why.
    assert "no score or overall rating, because these are not rated" in page


def test_a_judgement_standard_recorded_as_not_rated_says_why_in_the_report_table(
    sampled, as_user, ian
):
    client = as_user(ian)
    url = f"/inspections/{sampled.pk}/standards/1.3/"
    page = client.post(
        url, {"rating": "not_rated", "reasons": "The partnership was re-forming.", "version": 0}
    ).content.decode()
    assert "Choose why the standard is not rated" in page
    client.post(
        url,
        {
            "rating": "not_rated",
            "not_rated_reason": "other",
            "reasons": "The partnership was re-forming.",
            "version": 0,
        },
    )
    page = client.get(f"/inspections/{sampled.pk}/ratings/").content.decode()
    assert "not rated: The partnership was re-forming." in page


def test_a_judgement_standard_is_rated_by_the_team_with_reasons(sampled, as_user, ian):
    client = as_user(ian)
    client.post(
        f"/inspections/{sampled.pk}/standards/1.1/",
        {"rating": "good", "reasons": "Board is clear.", "version": 0},
    )
    page = client.get(f"/inspections/{sampled.pk}/ratings/").content.decode()
    assert "rating recorded by the team" in page


def test_a_change_after_sign_off_reopens_it_visibly(sampled, as_user, alice):
    case = SampledCase.objects.filter(inspection=sampled, population="court").first()
    submit(sampled, alice, case, ["yes", "yes", "yes"])
    at_stage(sampled, "rated")
    client = as_user(alice)
    client.post(f"/inspections/{sampled.pk}/ratings/", {"action": "sign_off"})
    signed = SignOff.objects.get()
    assert signed.by == alice
    frozen = signed.snapshot["evidence"]
    assert frozen["standards"]["2.1"]["key_questions"]["2.1.1"] == [1, 0]
    assert frozen["framework"] == "hmip-yjs-2018" and len(frozen["framework_sha256"]) == 64
    assert signed.snapshot["ratings"]["cy"]["standards"]["2.1"]["rating_title"] == "Rhagorol"
    assert (
        "Signed off by alice" in client.get(f"/inspections/{sampled.pk}/ratings/").content.decode()
    )
    # A judgement's reasons are part of what was signed: changing them re-opens the sign-off.
    ratings.record_judgement(alice, sampled, "1.1", "good", "Clear vision, shared by partners")
    page = client.get(f"/inspections/{sampled.pk}/ratings/").content.decode()
    assert "Sign-off re-opened" in page
    client.post(f"/inspections/{sampled.pk}/ratings/", {"action": "sign_off"})
    assert SignOff.objects.count() == 2


def test_the_ratings_page_needs_a_bounded_number_of_queries(
    sampled, as_user, alice, django_assert_max_num_queries
):
    client = as_user(alice)
    with django_assert_max_num_queries(15):
        assert client.get(f"/inspections/{sampled.pk}/ratings/").status_code == 200
