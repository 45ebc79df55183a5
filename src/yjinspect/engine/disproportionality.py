"""Relative rate index: how much more (or less) often something happens to children of one
ethnic group than to White children, with a 95% interval, and the suppression rules that keep
small numbers from identifying a child or misleading a reader.

RRI = (a / A) / (b / B), where a of A children in the group and b of B White children reach
the stage; the interval is exp(ln RRI ± 1.96 × SE) with SE = sqrt(1/a − 1/A + 1/b − 1/B).
A count from 1 to ``suppress_up_to`` is not shown, nor any rate made from one (a true 0 is
shown); no rate is given where either group has fewer than ``min_denominator`` children.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum

Z_95 = 1.959964


class NoRate(Enum):
    SUPPRESSED = "suppressed"  # a count of 1 to suppress_up_to is involved
    TOO_FEW = "too_few"  # a denominator under the minimum
    NO_EVENTS = "no_events"  # 0 in either group: no ratio to take


@dataclass(frozen=True, slots=True)
class RelativeRate:
    group: str
    events: int | None  # None when suppressed
    children: int
    rate: float | None  # events / children, None when suppressed
    rri: float | None
    low: float | None
    high: float | None
    no_rate: NoRate | None

    @property
    def significant(self) -> bool:
        """Whether the interval leaves out parity (1)."""
        return self.low is not None and self.high is not None and (self.low > 1 or self.high < 1)


def is_suppressed(count: int, suppress_up_to: int) -> bool:
    return 1 <= count <= suppress_up_to


def relative_rate(
    group: str,
    a: int,
    big_a: int,
    b: int,
    big_b: int,
    *,
    suppress_up_to: int = 5,
    min_denominator: int = 100,
) -> RelativeRate:
    """The group's (``a`` of ``big_a``) rate against the White group's (``b`` of ``big_b``)."""
    if not (0 <= a <= big_a and 0 <= b <= big_b):
        raise ValueError("events cannot be more than children, nor negative")
    hidden = is_suppressed(a, suppress_up_to)
    shown_events = None if hidden else a
    shown_rate = None if hidden or big_a == 0 else a / big_a
    no_rate: NoRate | None = None
    if hidden or is_suppressed(b, suppress_up_to):
        no_rate = NoRate.SUPPRESSED
    elif big_a < min_denominator or big_b < min_denominator:
        no_rate = NoRate.TOO_FEW
    elif a == 0 or b == 0:
        no_rate = NoRate.NO_EVENTS
    if no_rate is not None:
        return RelativeRate(group, shown_events, big_a, shown_rate, None, None, None, no_rate)
    rri = (a / big_a) / (b / big_b)
    se = math.sqrt(max(0.0, 1 / a - 1 / big_a + 1 / b - 1 / big_b))
    return RelativeRate(
        group,
        a,
        big_a,
        a / big_a,
        rri,
        math.exp(math.log(rri) - Z_95 * se),
        math.exp(math.log(rri) + Z_95 * se),
        None,
    )


@dataclass(frozen=True, slots=True)
class Suppression:
    """A figure not shown, and why: what the disclosure log records."""

    stage: str
    group: str
    reason: NoRate
    what: str  # "count", "rate" or "rri"


@dataclass(frozen=True, slots=True)
class StageRates:
    """One stage (e.g. "sampled, of the caseload"): the reference group's own figures, every
    other group's relative rate against it, and "not stated" apart (never compared)."""

    stage: str
    reference: RelativeRate
    compared: tuple[RelativeRate, ...]
    not_stated: RelativeRate | None
    suppressions: tuple[Suppression, ...]


def stage_rates(
    stage: str,
    events: Mapping[str, int],
    children: Mapping[str, int],
    *,
    groups: Sequence[str],
    reference: str,
    not_stated: str | None = None,
    suppress_up_to: int = 5,
    min_denominator: int = 100,
) -> StageRates:
    """Each of ``groups`` reaching the stage (``events``) of those at risk of it
    (``children``: the Census population at entry, the previous stage after), against
    ``reference``. A denominator of 1 to ``suppress_up_to`` is a count too, and hidden."""
    b, big_b = events.get(reference, 0), children.get(reference, 0)
    suppressions: list[Suppression] = []

    def one(group: str, compare: bool) -> RelativeRate:
        a, big_a = events.get(group, 0), children.get(group, 0)
        found = relative_rate(
            group,
            a,
            big_a,
            b if compare else a,
            big_b if compare else big_a,
            suppress_up_to=suppress_up_to,
            min_denominator=min_denominator,
        )
        if is_suppressed(big_a, suppress_up_to):
            found = RelativeRate(group, None, -1, None, None, None, None, NoRate.SUPPRESSED)
            suppressions.append(Suppression(stage, group, NoRate.SUPPRESSED, "count"))
        elif found.events is None:
            suppressions.append(Suppression(stage, group, NoRate.SUPPRESSED, "count"))
        elif compare and found.no_rate in (NoRate.SUPPRESSED, NoRate.TOO_FEW) and big_a:
            suppressions.append(Suppression(stage, group, found.no_rate, "rri"))
        elif not compare and found.no_rate is NoRate.TOO_FEW and big_a:
            # An empty group (no child at risk) has nothing to hide: it is not a suppression.
            suppressions.append(Suppression(stage, group, found.no_rate, "rate"))
        if found.no_rate is NoRate.TOO_FEW:  # no rate at all for a population under the minimum
            found = RelativeRate(group, found.events, big_a, None, None, None, None, NoRate.TOO_FEW)
        if not compare:  # the group's own figures: no ratio to itself
            found = RelativeRate(
                group, found.events, found.children, found.rate, None, None, None, found.no_rate
            )
        return found

    own = one(reference, compare=False)
    compared = tuple(one(g, compare=True) for g in groups if g != reference)
    apart = one(not_stated, compare=False) if not_stated is not None else None
    return StageRates(stage, own, compared, apart, tuple(suppressions))
