"""Score out of 36 and the overall rating, checked against published inspections."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yjinspect.engine import (
    RatingInputError,
    RecordedOverall,
    StandardInput,
    explain_overall,
    get_framework,
    rate_inspection,
)

from .helpers import recorded

STANDARDS_2018 = (
    "1.1",
    "1.2",
    "1.3",
    "1.4",
    "2.1",
    "2.2",
    "2.3",
    "2.4",
    "3.1",
    "3.2",
    "3.3",
    "3.4",
)


def test_cardiff_2020_all_inadequate_scores_0_of_36(yjs2018):
    result = rate_inspection(yjs2018, recorded(dict.fromkeys(STANDARDS_2018, "I")))
    assert (result.score, result.score_max, result.overall) == (0, 36, "inadequate")


def test_east_sussex_2024_scores_25_of_36_good(yjs2021):
    table = dict(zip(STANDARDS_2018, "G G O O G I O O RI RI O G".split(), strict=True))
    result = rate_inspection(yjs2021, recorded(table))
    assert (result.score, result.overall) == (25, "good")
    assert explain_overall(yjs2021, result) == "score 25 of 36 is in the band 19–30 (Good)"


def test_blaenau_gwent_and_caerphilly_2022_scores_28_good_with_three_oocd_outstanding(yjs2021):
    # The published facts: Good, 28/36, three of four out-of-court standards Outstanding.
    table = dict(zip(STANDARDS_2018, "G G G O G G G G O O O G".split(), strict=True))
    result = rate_inspection(yjs2021, recorded(table))
    assert (result.score, result.overall) == (28, "good")


@pytest.mark.parametrize(
    ("score", "expected"),
    [
        (6, "inadequate"),
        (7, "requires_improvement"),
        (18, "requires_improvement"),
        (19, "good"),
        (30, "good"),
        (31, "outstanding"),
        (36, "outstanding"),
    ],
)
def test_overall_band_edges(yjs2018, score, expected):
    # Build a table worth exactly `score` points: as many 3s as fit, then the remainder.
    points = []
    left = score
    for _ in STANDARDS_2018:
        take = min(3, left)
        points.append(take)
        left -= take
    by_points = {3: "O", 2: "G", 1: "RI", 0: "I"}
    table = {sid: by_points[p] for sid, p in zip(STANDARDS_2018, points, strict=True)}
    result = rate_inspection(yjs2018, recorded(table))
    assert (result.score, result.overall) == (score, expected)


@given(st.lists(st.sampled_from(["O", "G", "RI", "I"]), min_size=12, max_size=12))
def test_the_score_is_the_sum_of_points_and_the_band_holds_it(ratings):
    framework = get_framework("hmip-yjs-2018")
    result = rate_inspection(framework, recorded(dict(zip(STANDARDS_2018, ratings, strict=True))))
    assert result.score == sum({"O": 3, "G": 2, "RI": 1, "I": 0}[r] for r in ratings)
    band = next(b for b in framework.overall_bands if b.rating == result.overall)
    assert band.min_score <= result.score <= band.max_score


def test_resettlement_is_rated_but_not_part_of_the_score(yjs2021):
    table = recorded(dict.fromkeys(STANDARDS_2018, "G"))
    without = rate_inspection(yjs2021, table)
    with_resettlement = rate_inspection(
        yjs2021, {**table, "4.1": StandardInput(rating="inadequate")}
    )
    assert without.score == with_resettlement.score == 24
    assert with_resettlement.standards["4.1"].rating == "inadequate"
    assert without.overall == "good"  # resettlement not rated does not block the overall


def test_resettlement_says_why_it_is_not_rated_only_when_the_team_said_so(yjs2021):
    from yjinspect.engine import explain_standard

    table = recorded(dict.fromkeys(STANDARDS_2018, "G"))
    never_recorded = rate_inspection(yjs2021, table)
    assert explain_standard(yjs2021, never_recorded.standards["4.1"]) == "no evidence recorded"
    no_cases = StandardInput(rating="not_rated", not_rated_reason="no_cases")
    result = rate_inspection(yjs2021, {**table, "4.1": no_cases})
    assert result.standards["4.1"].rating == "not_rated"
    assert explain_standard(yjs2021, result.standards["4.1"]) == (
        "not rated: no cases of this kind"
    )
    assert explain_standard(yjs2021, result.standards["4.1"], "cy") == (
        "heb ei raddio: dim achosion o'r math hwn"
    )


def test_a_scored_standard_not_rated_means_no_score_and_says_which(yjs2018):
    table = recorded({sid: "G" for sid in STANDARDS_2018 if sid != "2.4"})
    result = rate_inspection(yjs2018, table)
    assert result.score is None and result.overall is None
    assert result.unrated_standards == ("2.4",)
    reason = explain_overall(yjs2018, result)
    assert "standard 2.4" in reason and "out of 36" in reason


def test_a_small_service_with_a_whole_domain_not_rated_has_no_overall(yjs2018):
    table = recorded({sid: "G" for sid in STANDARDS_2018 if not sid.startswith("3.")})
    result = rate_inspection(yjs2018, table)
    assert result.overall is None
    assert result.unrated_standards == ("3.1", "3.2", "3.3", "3.4")
    assert "domain 3 (Out-of-court disposals)" in explain_overall(yjs2018, result)
    assert "parth 3 (Gwarediadau y tu allan i'r llys)" in explain_overall(yjs2018, result, "cy")


def test_an_unknown_standard_is_refused(yjs2018):
    with pytest.raises(RatingInputError) as error:
        rate_inspection(yjs2018, {"5.1": StandardInput(rating="good")})
    assert error.value.field == "standards.5.1"


def test_full_joint_inspection_rates_areas_on_its_own_scale_with_no_overall():
    fji = get_framework("hmip-fji-2012")
    result = rate_inspection(
        fji, {"A1": StandardInput(rating="satisfactory"), "A5": StandardInput(rating="poor")}
    )
    assert result.standards["A1"].rating == "satisfactory"
    assert result.overall is None and result.score is None
    assert explain_overall(fji, result) == "this framework gives no overall rating"
    with pytest.raises(RatingInputError, match="unknown rating 'outstanding'"):
        rate_inspection(fji, {"A1": StandardInput(rating="outstanding")})


def test_2025_overall_is_the_teams_recorded_judgement():
    framework = get_framework("hmip-yjs-2025")
    none_yet = rate_inspection(framework, {})
    assert none_yet.overall is None and none_yet.score is None
    assert "none has been recorded" in explain_overall(framework, none_yet)
    result = rate_inspection(framework, {}, RecordedOverall("good", "Strong work with victims."))
    assert result.overall == "good"
    assert explain_overall(framework, result).endswith("Strong work with victims.")


def test_a_recorded_overall_is_refused_where_the_overall_is_computed(yjs2018):
    with pytest.raises(RatingInputError) as error:
        rate_inspection(yjs2018, {}, RecordedOverall("good"))
    assert error.value.field == "overall"
