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
