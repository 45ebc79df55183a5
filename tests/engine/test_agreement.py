"""Moderation statistics: percentage agreement and Cohen's kappa."""

from __future__ import annotations

import pytest

from yjinspect.engine import agreement, agreement_by_key_question


def test_kappa_matches_the_textbook_example():
    # 50 cases: both yes 20, first yes/second no 5, first no/second yes 10, both no 15.
    pairs = [("yes", "yes")] * 20 + [("yes", "no")] * 5 + [("no", "yes")] * 10 + [("no", "no")] * 15
    result = agreement(pairs)
    assert result.percent == pytest.approx(70.0)
    assert result.kappa == pytest.approx(0.4)  # (0.7 − 0.5) / (1 − 0.5)


def test_perfect_agreement_has_kappa_1_and_agreement_no_better_than_chance_has_0():
    assert agreement([("yes", "yes"), ("no", "no"), ("na", "na")]).kappa == pytest.approx(1.0)
    chance = [("yes", "yes"), ("yes", "no"), ("no", "yes"), ("no", "no")]
    assert agreement(chance).kappa == pytest.approx(0.0)


def test_kappa_is_undefined_when_both_assessors_always_gave_the_same_single_answer():
    result = agreement([("yes", "yes")] * 6)
    assert result.percent == 100.0
    assert result.kappa is None


def test_no_pairs_means_nothing_to_report():
    result = agreement([])
    assert (result.pairs, result.percent, result.kappa) == (0, None, None)


def test_agreement_is_reported_per_key_question():
    results = agreement_by_key_question(
        {"2.1.1": [("yes", "yes"), ("no", "no")], "2.1.2": [("yes", "no"), ("no", "yes")]}
    )
    assert results["2.1.1"].percent == 100.0
    assert results["2.1.2"].percent == 0.0
    assert results["2.1.2"].kappa == pytest.approx(-1.0)
