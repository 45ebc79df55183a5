"""The relative rate index and its interval, and the rules that suppress small numbers."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yjinspect.engine.disproportionality import NoRate, relative_rate


def test_the_rate_and_interval_follow_the_published_formula():
    found = relative_rate("Black", 40, 120, 300, 2000)
    assert found.rri == pytest.approx((40 / 120) / (300 / 2000))
    se = math.sqrt(1 / 40 - 1 / 120 + 1 / 300 - 1 / 2000)
    assert found.low == pytest.approx(found.rri * math.exp(-1.959964 * se))
    assert found.high == pytest.approx(found.rri * math.exp(1.959964 * se))
    assert found.significant  # 1.69 to 2.92 leaves out parity


def test_parity_is_not_significant():
    found = relative_rate("Mixed", 30, 200, 150, 1000)
    assert found.rri == pytest.approx(1.0)
    assert found.low < 1 < found.high and not found.significant


@pytest.mark.parametrize("small", [1, 3, 5])
def test_a_count_from_one_to_five_is_hidden_with_every_rate_made_from_it(small):
    mine = relative_rate("Asian", small, 150, 300, 2000)
    assert mine.events is None and mine.rate is None and mine.rri is None
    assert mine.no_rate is NoRate.SUPPRESSED
    theirs = relative_rate("Asian", 30, 150, small, 2000)
    assert theirs.events == 30 and theirs.rri is None and theirs.no_rate is NoRate.SUPPRESSED


def test_a_true_zero_is_shown_but_gives_no_ratio():
    found = relative_rate("Other", 0, 150, 300, 2000)
    assert found.events == 0 and found.rate == 0 and found.no_rate is NoRate.NO_EVENTS


def test_no_rate_for_a_group_under_the_minimum():
    found = relative_rate("Black", 40, 99, 300, 2000)
    assert found.events == 40 and found.rri is None and found.no_rate is NoRate.TOO_FEW


@given(
    a=st.integers(6, 500),
    extra_a=st.integers(0, 500),
    b=st.integers(6, 500),
    extra_b=st.integers(0, 500),
)
def test_the_interval_always_holds_the_rate(a, extra_a, b, extra_b):
    found = relative_rate("G", a, max(100, a + extra_a), b, max(100, b + extra_b))
    assert found.low <= found.rri <= found.high


def test_events_beyond_children_are_refused():
    with pytest.raises(ValueError, match="events cannot be more than children"):
        relative_rate("G", 10, 5, 10, 200)
