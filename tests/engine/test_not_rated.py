"""A standard is not rated only for one of the framework's reasons, and every rating it does
have rests on something: an override needs cases to override."""

from __future__ import annotations

import pytest

from yjinspect.engine import (
    KeyQuestionCount,
    RatingInputError,
    StandardInput,
    explain_overall,
    explain_standard,
    rate_inspection,
    rate_request,
)

GOOD_2018 = {sid: StandardInput(rating="good") for sid in ("1.1", "1.2", "1.3", "1.4")}


def test_any_standard_can_be_recorded_as_not_rated_with_a_reason(yjs2018):
    given = {
        **GOOD_2018,
        "1.2": StandardInput(rating="not_rated", not_rated_reason="small_service"),
        "3.1": StandardInput(
            key_questions={"3.1.1": KeyQuestionCount(1, 1)},
            rating="not_rated",
            not_rated_reason="small_service",
        ),
    }
    result = rate_inspection(yjs2018, given)
    judgement, case = result.standards["1.2"], result.standards["3.1"]
    assert judgement.rating == case.rating == "not_rated"
    assert explain_standard(yjs2018, case) == "not rated: small service: too few cases to rate"
    # The figures stay on record beside the reason.
    assert case.key_questions["3.1.1"] == (1, 1)
    # And a scored standard not rated still means no score, naming it.
    assert result.score is None and "standard 1.2" in explain_overall(yjs2018, result)


def test_not_rated_needs_a_reason_from_the_framework(yjs2018):
    with pytest.raises(RatingInputError) as error:
        rate_inspection(yjs2018, {"1.1": StandardInput(rating="not_rated")})
    assert error.value.field == "standards.1.1.not_rated_reason"
    assert "small_service, no_cases, other" in error.value.message
    with pytest.raises(RatingInputError, match="unknown reason 'bored'"):
        rate_inspection(
            yjs2018, {"1.1": StandardInput(rating="not_rated", not_rated_reason="bored")}
        )


def test_another_reason_needs_words_and_shows_them(yjs2018):
    with pytest.raises(RatingInputError) as error:
        rate_inspection(
            yjs2018, {"1.1": StandardInput(rating="not_rated", not_rated_reason="other", note=" ")}
        )
    assert error.value.field == "standards.1.1.note"
    given = StandardInput(
        rating="not_rated", not_rated_reason="other", note="The board was being re-formed."
    )
    result = rate_inspection(yjs2018, {"1.1": given})
    assert explain_standard(yjs2018, result.standards["1.1"]) == (
        "not rated: The board was being re-formed."
    )


def test_a_reason_for_not_rating_cannot_come_with_a_rating(yjs2018):
    with pytest.raises(RatingInputError, match="with the rating 'good'"):
        rate_inspection(
            yjs2018, {"1.1": StandardInput(rating="good", not_rated_reason="small_service")}
        )


def test_an_override_needs_applicable_cases(yjs2018):
    nothing_applied = {"2.2.1": KeyQuestionCount(0, 0)}
    with pytest.raises(RatingInputError) as error:
        rate_inspection(
            yjs2018,
            {
                "2.2": StandardInput(
                    key_questions=nothing_applied, rating="good", override_reason="Looked fine."
                )
            },
        )
    assert error.value.field == "standards.2.2.rating"
    assert "no rating to override" in error.value.message


def test_the_cli_request_takes_the_reason_and_returns_it(yjs2018):
    result = rate_request(
        {
            "framework": "hmip-yjs-2021",
            "standards": {"4.1": {"rating": "not_rated", "not_rated_reason": "no_cases"}},
        }
    )
    entry = result["standards"]["4.1"]
    assert entry["not_rated_reason"] == "no_cases"
    assert entry["reason"] == "not rated: no cases of this kind"
    with pytest.raises(RatingInputError) as error:
        rate_request({"framework": "hmip-yjs-2021", "standards": {"4.1": {"why": "x"}}})
    assert "not_rated_reason, note" in error.value.message


def test_a_joint_inspection_area_keeps_its_case_figures_beside_the_teams_rating():
    from yjinspect.engine import get_framework

    fji = get_framework("hmip-fji-2012")
    figures = {"A1.1": KeyQuestionCount(13, 8), "A1.2": KeyQuestionCount(20, 1)}
    result = rate_inspection(
        fji, {"A1": StandardInput(key_questions=figures, rating="satisfactory")}
    )
    area = result.standards["A1"]
    assert area.rating == "satisfactory" and area.key_questions["A1.1"] == (13, 8)
    assert explain_standard(fji, area) == "rating recorded by the team"
    waiting = rate_inspection(fji, {"A1": StandardInput(key_questions=figures)}).standards["A1"]
    assert waiting.rating == "not_rated"
    assert "the team has not recorded its rating yet" in explain_standard(fji, waiting)
    # A judgement standard not assessed in cases takes no figures.
    with pytest.raises(RatingInputError, match="A5 is a judgement standard"):
        rate_inspection(fji, {"A5": StandardInput(key_questions={}, rating="good")})
