"""Ethnicity as the Census 2021 classifies it, and the relative rates by stage with their
suppression rules."""

from __future__ import annotations

import pytest

from yjinspect.engine.disproportionality import NoRate, stage_rates
from yjinspect.engine.ethnicity import classification, parse_classification
from yjinspect.engine.policy import PolicyError

GROUPS = ["asian", "black", "mixed", "white", "other"]


def test_nineteen_categories_roll_up_to_five_groups_with_not_stated_apart():
    scheme = classification()
    assert scheme.scheme == "ons-2021" and scheme.reference == "white"
    assert [g.id for g in scheme.groups] == GROUPS
    assert len(scheme.categories) == 19
    assert scheme.group_of("13") == "white"  # by code
    assert scheme.group_of("White and Black Caribbean") == "mixed"  # by title
    assert scheme.group_of("gypsy-or-irish traveller") == "white"  # case, hyphens, spaces
    assert scheme.group_of("black") == "black"  # a group as recorded before categories
    assert scheme.group_of("") == scheme.group_of("Prefer not to say") == "not_stated"
    assert scheme.group_of("martian") is None
    assert scheme.title("black", "cy").startswith("Du")


def test_a_category_naming_two_groups_is_refused():
    broken = {
        "scheme": "x",
        "reference_group": "a",
        "not_stated": {"id": "ns", "title": {"en": "Not stated", "cy": "Heb"}},
        "groups": [
            {
                "id": "a",
                "title": {"en": "A", "cy": "A"},
                "categories": [{"code": "1", "id": "one", "title": {"en": "One", "cy": "Un"}}],
            },
            {
                "id": "b",
                "title": {"en": "B", "cy": "B"},
                "categories": [{"code": "1", "id": "two", "title": {"en": "Two", "cy": "Dau"}}],
            },
        ],
    }
    with pytest.raises(PolicyError, match="already names another group"):
        parse_classification(broken)


def _rates(events, children):
    return stage_rates(
        "court", events, children, groups=GROUPS, reference="white", not_stated="not_stated"
    )


def test_a_relative_rate_with_its_interval_against_the_reference_group():
    found = _rates({"white": 100, "black": 40}, {"white": 1000, "black": 200})
    black = next(r for r in found.compared if r.group == "black")
    assert black.rri == pytest.approx(2.0) and black.low < 2 < black.high and black.significant
    assert found.reference.rate == pytest.approx(0.1) and found.reference.rri is None
    assert found.suppressions == ()  # empty groups hide nothing


def test_small_counts_and_every_rate_made_from_them_are_not_shown():
    found = _rates(
        {"white": 100, "black": 3, "asian": 0, "mixed": 20},
        {"white": 1000, "black": 150, "asian": 300, "mixed": 60},
    )
    by_group = {r.group: r for r in found.compared}
    assert by_group["black"].events is None and by_group["black"].rate is None
    assert by_group["black"].no_rate is NoRate.SUPPRESSED and by_group["black"].rri is None
    assert by_group["asian"].events == 0  # a true zero is shown
    assert by_group["mixed"].rate is None and by_group["mixed"].no_rate is NoRate.TOO_FEW
    logged = {(s.group, s.what, s.reason) for s in found.suppressions}
    assert ("black", "count", NoRate.SUPPRESSED) in logged
    assert ("mixed", "rri", NoRate.TOO_FEW) in logged


def test_a_suppressed_reference_count_hides_every_ratio():
    found = _rates({"white": 4, "black": 30}, {"white": 900, "black": 300})
    assert found.reference.events is None
    assert all(r.rri is None for r in found.compared)
    assert next(r for r in found.compared if r.group == "black").no_rate is NoRate.SUPPRESSED


def test_a_denominator_of_one_to_five_is_hidden_too():
    found = _rates({"white": 100, "other": 0}, {"white": 1000, "other": 4})
    other = next(r for r in found.compared if r.group == "other")
    assert other.events is None and other.rate is None


def test_records_are_stamped_with_the_scheme_in_force():
    from yjinspect.engine.ethnicity import ETHNICITY_SCHEME

    assert classification().scheme == ETHNICITY_SCHEME
