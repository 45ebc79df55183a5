"""A case-based standard is rated on its lowest key question, banded on the exact fraction."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yjinspect.engine import (
    NOT_RATED,
    Framework,
    KeyQuestionCount,
    RatingBasis,
    RatingInputError,
    StandardInput,
    explain_standard,
    rate_standard,
)
from yjinspect.engine.framework import PercentDisplay

from .helpers import counts


def rate_one(framework: Framework, standard_id: str, given: StandardInput):
    return rate_standard(framework, framework.standard(standard_id), given)


@pytest.mark.parametrize(
    ("yes", "no", "expected"),
    [
        (80, 20, "outstanding"),  # exactly 80%
        (4, 1, "outstanding"),  # 4/5 is 80% exactly
        (79, 21, "good"),
        (1599, 401, "good"),  # 79.95%: would display as 80% if rounded, still Good
        (65, 35, "good"),  # exactly 65%
        (13, 7, "good"),  # 13/20 = 65%
        (1299, 701, "requires_improvement"),  # 64.95%
        (50, 50, "requires_improvement"),  # exactly 50%
        (1, 1, "requires_improvement"),
        (499, 501, "inadequate"),  # 49.9%
        (0, 1, "inadequate"),
    ],
)
def test_it_bands_the_lowest_key_question_exactly(yjs2018, yes, no, expected):
    result = rate_one(yjs2018, "2.1", counts(kq_2_1_1=(yes, no)))
    assert result.rating == expected
    assert result.basis is RatingBasis.KEY_QUESTIONS


def test_it_rates_on_the_lowest_key_question_and_says_why(yjs2018):
    result = rate_one(yjs2018, "2.1", counts(kq_2_1_1=(20, 5), kq_2_1_2=(15, 10), kq_2_1_3=(18, 2)))
    assert result.rating == "requires_improvement"
    assert result.lowest_key_question == "2.1.2"
    assert explain_standard(yjs2018, result) == "lowest key question 2.1.2 at 60% (15 of 25)"
    assert explain_standard(yjs2018, result, "cy") == (
        "y cwestiwn allweddol isaf, 2.1.2, ar 60% (15 o 25)"
    )


def test_it_ignores_a_key_question_no_case_applied_to(yjs2018):
    # "Keep other people safe" may apply to no sampled case: 0 of 0 is not 0%.
    result = rate_one(yjs2018, "2.1", counts(kq_2_1_1=(9, 1), kq_2_1_3=(0, 0)))
    assert result.rating == "outstanding"
    assert result.lowest_key_question == "2.1.1"


def test_a_standard_with_no_applicable_cases_is_not_rated(yjs2018):
    result = rate_one(yjs2018, "2.1", counts(kq_2_1_1=(0, 0), kq_2_1_2=(0, 0)))
    assert result.rating == NOT_RATED
    assert explain_standard(yjs2018, result) == "no key question applied to any sampled case"


def test_equal_lowest_key_questions_name_the_first_in_framework_order(yjs2018):
    result = rate_one(yjs2018, "2.2", counts(kq_2_2_3=(3, 2), kq_2_2_1=(6, 4)))
    assert result.lowest_key_question == "2.2.1"


@given(
    yes=st.integers(min_value=0, max_value=5000),
    no=st.integers(min_value=0, max_value=5000),
)
def test_every_fraction_gets_the_band_its_exact_value_reaches(yjs2018, yes, no):
    if yes + no == 0:
        return
    fraction = Fraction(yes, yes + no)
    expected = next(
        band.rating for band in yjs2018.case_bands if fraction >= Fraction(band.min_percent, 100)
    )
    assert rate_one(yjs2018, "2.3", counts(kq_2_3_1=(yes, no))).rating == expected


@given(
    yes=st.integers(min_value=0, max_value=5000),
    no=st.integers(min_value=0, max_value=5000),
)
def test_a_displayed_percentage_never_reaches_a_band_the_fraction_does_not(yjs2018, yes, no):
    if yes + no == 0:
        return
    shown = KeyQuestionCount(yes, no).percent(PercentDisplay.FLOOR)
    rating = rate_one(yjs2018, "2.3", counts(kq_2_3_1=(yes, no))).rating
    for band in yjs2018.case_bands:
        if shown >= band.min_percent:
            assert rating == band.rating
            break


def test_nearest_display_rounds_halves_up():
    assert KeyQuestionCount(1599, 401).percent(PercentDisplay.NEAREST) == 80
    assert KeyQuestionCount(1, 7).percent(PercentDisplay.NEAREST) == 13  # 12.5%
    assert KeyQuestionCount(1599, 401).percent(PercentDisplay.FLOOR) == 79
    assert KeyQuestionCount(0, 0).percent() is None


def test_an_override_keeps_the_computed_rating_and_the_reason(yjs2018):
    given = StandardInput(
        key_questions={"2.4.1": KeyQuestionCount(79, 21)},
        rating="outstanding",
        override_reason="Three cases at the boundary were re-read at moderation.",
    )
    result = rate_one(yjs2018, "2.4", given)
    assert result.rating == "outstanding"
    assert result.basis is RatingBasis.OVERRIDE
    assert result.computed_rating == "good"
    assert explain_standard(yjs2018, result).startswith(
        "overridden from Good: Three cases at the boundary were re-read at moderation."
    )


def test_an_override_without_a_reason_is_refused(yjs2018):
    given = StandardInput(key_questions={"2.4.1": KeyQuestionCount(79, 21)}, rating="outstanding")
    with pytest.raises(RatingInputError) as error:
        rate_one(yjs2018, "2.4", given)
    assert error.value.field == "standards.2.4.override_reason"
    assert "the key questions give 'good'" in str(error.value)


def test_a_blank_override_reason_is_refused(yjs2018):
    given = StandardInput(
        key_questions={"2.4.1": KeyQuestionCount(79, 21)}, rating="outstanding", override_reason=" "
    )
    with pytest.raises(RatingInputError, match="an override needs a reason"):
        rate_one(yjs2018, "2.4", given)


def test_a_rating_that_agrees_with_the_evidence_needs_no_reason(yjs2018):
    given = StandardInput(key_questions={"2.4.1": KeyQuestionCount(79, 21)}, rating="good")
    assert rate_one(yjs2018, "2.4", given).basis is RatingBasis.KEY_QUESTIONS


def test_a_recorded_rating_for_a_case_standard_rescored_from_a_published_table(yjs2018):
    result = rate_one(yjs2018, "2.1", StandardInput(rating="good"))
    assert (result.rating, result.basis) == ("good", RatingBasis.RECORDED)


def test_a_judgement_standard_takes_the_teams_rating(yjs2018):
    result = rate_one(yjs2018, "1.1", StandardInput(rating="requires_improvement"))
    assert (result.rating, result.basis) == ("requires_improvement", RatingBasis.RECORDED)


@pytest.mark.parametrize(
    ("standard_id", "given", "field", "words"),
    [
        ("1.1", counts(kq_1_1_1=(1, 1)), "standards.1.1.key_questions", "judgement standard"),
        (
            "1.1",
            StandardInput(rating="good", override_reason="why"),
            "standards.1.1.override_reason",
            "recorded, not overridden",
        ),
        ("2.1", counts(kq_2_2_1=(1, 1)), "standards.2.1.key_questions.2.2.1", "not a key question"),
        ("2.1", counts(kq_2_1_1=(-1, 1)), "standards.2.1.key_questions.2.1.1", "negative"),
        ("2.1", StandardInput(rating="excellent"), "standards.2.1.rating", "unknown rating"),
        (
            "2.1",
            StandardInput(key_questions={}, override_reason="why"),
            "standards.2.1.rating",
            "without the rating",
        ),
    ],
)
def test_it_refuses_input_that_does_not_fit_the_standard(yjs2018, standard_id, given, field, words):
    with pytest.raises(RatingInputError) as error:
        rate_one(yjs2018, standard_id, given)
    assert error.value.field == field
    assert words in str(error.value)
