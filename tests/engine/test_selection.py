"""The priority score for choosing whom to inspect: percentiles among services, weighted by
configuration, with reasons; missing figures placed in the middle; the same order every time."""

from __future__ import annotations

import pytest

from yjinspect.engine.policy import PolicyError
from yjinspect.engine.selection import Figures, parse_selection, rank, selection_policy


def _policy(**weights):
    return parse_selection(
        {
            "quarters": 4,
            "components": [
                {
                    "id": "reoffending",
                    "source": "measure",
                    "measure": "reoffending",
                    "worse": "higher",
                    "weight": weights.get("reoffending", 50),
                    "title": {"en": "Reoffending", "cy": "Aildroseddu"},
                },
                {
                    "id": "last_rating",
                    "source": "last_rating",
                    "worse": "lower",
                    "weight": weights.get("last_rating", 50),
                    "title": {"en": "Last rating", "cy": "Sgôr"},
                },
                {
                    "id": "time_since",
                    "source": "years_since_inspection",
                    "worse": "higher",
                    "weight": weights.get("time_since", 0),
                    "cap": 6,
                    "title": {"en": "Time", "cy": "Amser"},
                },
            ],
        }
    )


def test_the_weighted_percentiles_rank_the_services_and_give_the_reasons():
    services = [
        Figures("a", {"reoffending": 40.0, "last_rating": 0.0}),  # worst on both
        Figures("b", {"reoffending": 30.0, "last_rating": 1.0}),
        Figures("c", {"reoffending": 20.0, "last_rating": 2 / 3}),  # best reoffending
    ]
    ranked = rank(services, _policy())
    assert [r.key for r in ranked] == ["a", "b", "c"]
    assert [r.rank for r in ranked] == [1, 2, 3]
    assert ranked[0].score == pytest.approx(100.0)
    # b: reoffending in the middle (0.5 x 50), the best rating (0 concern).
    assert ranked[1].score == pytest.approx(25.0)
    assert ranked[1].reasons[0].component.id == "reoffending"


def test_a_missing_figure_is_placed_in_the_middle_and_caps_hold():
    services = [
        Figures("a", {"reoffending": None, "last_rating": 0.0, "time_since": 20.0}),
        Figures("b", {"reoffending": 10.0, "last_rating": 1.0, "time_since": 6.0}),
        Figures("c", {"reoffending": 30.0, "last_rating": 1.0, "time_since": 1.0}),
    ]
    ranked = {r.key: r for r in rank(services, _policy(time_since=50))}
    missing = next(p for p in ranked["a"].parts if p.component.id == "reoffending")
    assert missing.value is None and missing.concern == 0.5
    # 20 years is capped at 6: as long ago as b, so they share the top place.
    a_time = next(p for p in ranked["a"].parts if p.component.id == "time_since")
    b_time = next(p for p in ranked["b"].parts if p.component.id == "time_since")
    assert a_time.concern == b_time.concern == 0.75


def test_weights_change_the_order_and_ties_break_by_key():
    services = [
        Figures("x", {"reoffending": 40.0, "last_rating": 1.0}),
        Figures("y", {"reoffending": 20.0, "last_rating": 0.0}),
    ]
    assert [r.key for r in rank(services, _policy(reoffending=90, last_rating=10))] == ["x", "y"]
    assert [r.key for r in rank(services, _policy(reoffending=10, last_rating=90))] == ["y", "x"]
    assert [r.key for r in rank(services, _policy())] == ["x", "y"]  # equal: by key


def test_the_shipped_policy_loads_and_bad_policies_are_refused():
    shipped = selection_policy()
    assert {c.source for c in shipped.components} >= {"measure", "last_rating", "caseload"}
    with pytest.raises(PolicyError, match="at least one weight"):
        _policy(reoffending=0, last_rating=0)
    with pytest.raises(PolicyError, match="names its measure"):
        parse_selection(
            {
                "quarters": 4,
                "components": [
                    {
                        "id": "x",
                        "source": "measure",
                        "worse": "higher",
                        "weight": 1,
                        "title": {"en": "X", "cy": "X"},
                    }
                ],
            }
        )
