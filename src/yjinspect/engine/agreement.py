"""How far two assessors of the same cases agree: percentage agreement and Cohen's kappa, used
in moderation to see which key questions (and which assessors) need calibration."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Agreement:
    """Agreement between first and second answers over ``pairs`` cases.

    ``kappa`` is ``None`` when chance agreement is certain (both assessors gave one and the same
    answer to every case): kappa is then 0/0, and calling it 1 or 0 would mislead.
    """

    pairs: int
    agreed: int
    kappa: float | None

    @property
    def percent(self) -> float | None:
        return 100 * self.agreed / self.pairs if self.pairs else None


def agreement(pairs: Sequence[tuple[str, str]]) -> Agreement:
    """Percentage agreement and Cohen's kappa for (first, second) answers to one question."""
    n = len(pairs)
    if n == 0:
        return Agreement(0, 0, None)
    agreed = sum(1 for first, second in pairs if first == second)
    firsts = Counter(first for first, _ in pairs)
    seconds = Counter(second for _, second in pairs)
    observed = agreed / n
    expected = sum(firsts[c] * seconds[c] for c in firsts) / (n * n)
    if expected >= 1:
        return Agreement(n, agreed, None)
    return Agreement(n, agreed, (observed - expected) / (1 - expected))


def agreement_by_key_question(
    pairs: Mapping[str, Sequence[tuple[str, str]]],
) -> dict[str, Agreement]:
    """:func:`agreement` for each key question."""
    return {kq: agreement(answers) for kq, answers in pairs.items()}
