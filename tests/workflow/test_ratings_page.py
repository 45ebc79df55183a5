"""The live ratings page: computed by the engine from submitted answers; overrides, judgements,
sign-off, and a sign-off re-opened when the evidence changes."""

from __future__ import annotations

from yjinspect.cases import assessment
from yjinspect.cases.models import SampledCase
from yjinspect.ratings import services as ratings
from yjinspect.ratings.models import SignOff

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


def test_an_override_needs_a_reason_and_is_shown_with_the_rating(sampled, as_user, alice):
    client = as_user(alice)
    url = f"/inspections/{sampled.pk}/ratings/"
    page = client.post(url, {"standard_id": "2.2", "rating": "good", "reason": ""}).content.decode()
    assert "Enter the reason for the override" in page
    client.post(
        url, {"standard_id": "2.2", "rating": "good", "reason": "Small sample at the boundary"}
    )
    page = client.get(url).content.decode()
    assert "Overridden" in page and "Small sample at the boundary" in page


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
