"""Draw the inspection's case sample: eligible by the framework's windows, sized for the
framework's confidence and margin with the finite-population correction, shared among the
disposal types in proportion (each within one case) and spread over the other stratifying
variables by systematic selection, chosen at random from a recorded seed so the same input
always gives the same sample, and without favouring any value over many seeds."""

from __future__ import annotations

import calendar
import math
import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from statistics import NormalDist

from .caseload import CaseRecord
from .framework import AgeBand, Framework, SamplePopulation, Window

# With no prior knowledge of the share of sufficient cases, 50% gives the largest (safest) size.
_WORST_CASE_PROPORTION = 0.5
PROFILE_FIELDS = ("disposal_type", "sex", "age_band", "ethnicity", "rosh", "safety_wellbeing")


def months_before(day: date, months: int) -> date:
    """The same day ``months`` calendar months earlier, clamped to the month's end."""
    month_index = day.year * 12 + (day.month - 1) - months
    year, month = divmod(month_index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def eligible_between(fieldwork: date, window: Window) -> tuple[date, date]:
    """First and last start dates (inclusive) that the window admits."""
    return (
        months_before(fieldwork, window.months_before_from),
        months_before(fieldwork, window.months_before_to),
    )


@dataclass(frozen=True, slots=True)
class SizeWorking:
    """How a population's sample size was reached, step by step, for the sample page."""

    population: int
    confidence: float | None
    margin: float | None
    z: float
    infinite: float  # n0 = z² p (1 - p) / e², for a population without end
    corrected: float  # n0 / (1 + (n0 - 1) / N), or the share of N under the share rule
    min_size: int
    max_size: int
    size: int
    share: float | None = None  # with the share rule: the share of the relevant cases

    @property
    def held_by(self) -> str | None:
        """What set the size instead of the calculation: "min", "max", "population" or None."""
        calculated = math.ceil(round(self.corrected, 9))
        if self.size == calculated:
            return None
        if self.size == self.population:
            return "population"
        return "min" if self.size == self.min_size else "max"


def size_working(
    population: int,
    *,
    confidence: float | None,
    margin: float | None,
    min_size: int,
    max_size: int,
    share: float | None = None,
) -> SizeWorking:
    """Cases needed to estimate a proportion within ``margin`` at ``confidence``, corrected for
    a finite population (or, given a ``share``, that share of the population), then held
    within the framework's bounds and the population itself."""
    if share is not None:
        z = infinite = 0.0
        corrected = share * population
    else:
        if confidence is None or margin is None:
            raise ValueError("a sample needs a share, or a confidence and a margin")
        z = NormalDist().inv_cdf(1 - (1 - confidence) / 2)
        p = _WORST_CASE_PROPORTION
        infinite = z * z * p * (1 - p) / (margin * margin)
        corrected = infinite / (1 + (infinite - 1) / population) if population > 0 else 0.0
    # Rounding before ceil stops float noise (62.000000001) costing a whole extra case.
    size = math.ceil(round(corrected, 9))
    size = min(population, max(min_size, min(max_size, size))) if population > 0 else 0
    return SizeWorking(
        population, confidence, margin, z, infinite, corrected, min_size, max_size, size, share
    )


def required_sample_size(
    population: int,
    *,
    confidence: float | None,
    margin: float | None,
    min_size: int,
    max_size: int,
    share: float | None = None,
) -> int:
    return size_working(
        population,
        confidence=confidence,
        margin=margin,
        min_size=min_size,
        max_size=max_size,
        share=share,
    ).size


# The main strata: every disposal type gets its proportional share, within one case.
MAIN_STRATA = ("disposal", "disposal_type")


def controlled_round(
    sizes: dict[tuple[str, ...], int], total: int, rng: random.Random
) -> dict[tuple[str, ...], int]:
    """Share ``total`` among cells in proportion to their sizes: each cell gets the whole part
    of its exact share or one more (so it is never a whole case away), the shares add up to
    ``total``, and which cells get the extra case is drawn at random in proportion to their
    remainders (systematic selection over the cells in a random order), so over many draws
    each cell's average is exactly its share. Largest-remainder rounding, by contrast, gives
    the same cells the extra case every time."""
    population = sum(sizes.values())
    if population == 0 or total == 0:
        return dict.fromkeys(sizes, 0)
    order = sorted(sizes)
    rng.shuffle(order)
    start = Fraction(rng.random())
    shares: dict[tuple[str, ...], int] = {}
    reached, taken = Fraction(0), 0
    for key in order:
        reached += Fraction(sizes[key] * total, population)
        upto = math.floor(reached + start)
        shares[key], taken = upto - taken, upto
    return shares


def _choose(
    eligible: Sequence[CaseRecord], size: int, strata: Sequence[str], rng: random.Random
) -> list[ChosenCase]:
    """The sample: first shared among the main strata (disposal, then disposal type) by
    controlled rounding, then within each by systematic selection from a random start through
    its cases ordered by the other stratifying variables (ties in random order), so every
    variable is spread in proportion and every case has the same chance. Each chosen case
    keeps its full stratum, from which a replacement is drawn."""
    cells: dict[tuple[str, ...], list[CaseRecord]] = {}
    for case in sorted(eligible, key=lambda case: case.case_ref):  # the listing order is moot
        cells.setdefault(tuple(case.value(name) for name in MAIN_STRATA), []).append(case)
    shares = controlled_round({key: len(members) for key, members in cells.items()}, size, rng)
    within = [name for name in strata if name not in MAIN_STRATA]
    chosen: list[ChosenCase] = []
    for key in sorted(cells):
        wanted = shares[key]
        if not wanted:
            continue
        tie = {case.case_ref: rng.random() for case in cells[key]}  # ties in random order
        members = sorted(
            cells[key],
            key=lambda case: (tuple(case.value(name) for name in within), tie[case.case_ref]),
        )
        step = Fraction(len(members), wanted)
        start = Fraction(rng.random()) * step
        picked = [members[math.floor(start + step * i)] for i in range(wanted)]
        chosen.extend(
            ChosenCase(case, tuple(case.value(name) for name in strata))
            for case in sorted(picked, key=_ref)
        )
    return chosen


def age_band(age: int, bands: Sequence[AgeBand]) -> str:
    for band in bands:
        if age >= band.min_age and (band.max_age is None or age <= band.max_age):
            return band.label
    return str(age)


@dataclass(frozen=True, slots=True)
class ChosenCase:
    case: CaseRecord
    stratum: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PopulationSample:
    """The sample drawn from one population, with what is needed to show how it was drawn."""

    population: SamplePopulation
    eligible_from: dict[str, tuple[date, date]]  # by disposal: first and last start date
    eligible: int
    size: int
    chosen: tuple[ChosenCase, ...]
    # By disposal: cases eligible, and cases outside the window because they started before
    # it ("early") or after it ("late", too recent to show the work).
    windows_count: dict[str, dict[str, int]]
    working: SizeWorking
    profile: dict[str, dict[str, tuple[int, int]]]  # field → value → (population, sample)


@dataclass(frozen=True, slots=True)
class SampleResult:
    framework_id: str
    fieldwork: date
    seed: int
    strata: tuple[str, ...]
    populations: tuple[PopulationSample, ...]
    not_drawn: tuple[SamplePopulation, ...]  # populations needing a list other than the caseload
    ineligible: int  # caseload cases outside every window


def draw_sample(
    framework: Framework,
    cases: Sequence[CaseRecord],
    *,
    fieldwork: date,
    seed: int,
    source: str = "caseload",
) -> SampleResult:
    """Draw the sample of each of ``framework``'s populations listed in ``cases``: the
    caseload's (children) or, with ``source="victims"``, the victims list's."""
    if framework.sampling is None:
        raise ValueError(f"{framework.id} has no sampling rules")
    sampling = framework.sampling
    populations: list[PopulationSample] = []
    used: set[str] = set()
    for population in sampling.populations:
        if population.source != source:
            continue
        windows = {
            disposal: eligible_between(fieldwork, window)
            for disposal, window in population.windows.items()
        }
        eligible = [
            case
            for case in cases
            if case.disposal in windows
            and windows[case.disposal][0] <= case.start_date <= windows[case.disposal][1]
            and population.admits_type(case.disposal_type)
        ]
        used.update(case.case_ref for case in eligible)
        working = size_working(
            len(eligible),
            confidence=sampling.confidence,
            margin=sampling.margin,
            min_size=population.min_size,
            max_size=population.max_size,
            share=sampling.share,
        )
        size = working.size
        strata = population.strata or sampling.strata
        chosen = _choose(eligible, size, strata, random.Random(f"{seed}|{population.id}"))
        populations.append(
            PopulationSample(
                population=population,
                eligible_from=windows,
                eligible=len(eligible),
                size=size,
                chosen=tuple(chosen),
                profile=profile(
                    eligible,
                    [c.case for c in chosen],
                    framework.age_bands,
                    fields=_profile_fields(population),
                ),
                windows_count=_windows_count(
                    [c for c in cases if population.admits_type(c.disposal_type)], windows
                ),
                working=working,
            )
        )
    return SampleResult(
        framework_id=framework.id,
        fieldwork=fieldwork,
        seed=seed,
        strata=sampling.strata,
        populations=tuple(populations),
        not_drawn=tuple(p for p in sampling.populations if p.source != source),
        ineligible=sum(1 for case in cases if case.case_ref not in used),
    )


def _windows_count(
    cases: Sequence[CaseRecord], windows: dict[str, tuple[date, date]]
) -> dict[str, dict[str, int]]:
    counts = {disposal: {"eligible": 0, "early": 0, "late": 0} for disposal in windows}
    for case in cases:
        if case.disposal not in windows:
            continue
        first, last = windows[case.disposal]
        where = "early" if case.start_date < first else "late" if case.start_date > last else None
        counts[case.disposal][where or "eligible"] += 1
    return counts


def _ref(chosen: CaseRecord) -> str:
    return chosen.case_ref


def _profile_fields(population: SamplePopulation) -> tuple[str, ...]:
    """A victims list has no personal details: its profile is what it is stratified by."""
    if population.source == "victims":
        return tuple(name for name in population.strata if name != "disposal")
    return PROFILE_FIELDS


def profile(
    population: Sequence[CaseRecord],
    sample: Sequence[CaseRecord],
    bands: Sequence[AgeBand],
    fields: Sequence[str] = PROFILE_FIELDS,
) -> dict[str, dict[str, tuple[int, int]]]:
    """Counts by profile field for the population and the sample, side by side."""

    def values(case: CaseRecord, name: str) -> str:
        return age_band(case.age, bands) if name == "age_band" else case.value(name)

    result: dict[str, dict[str, tuple[int, int]]] = {}
    for name in fields:
        in_population = Counter(values(case, name) for case in population)
        in_sample = Counter(values(case, name) for case in sample)
        result[name] = {
            value: (count, in_sample.get(value, 0))
            for value, count in sorted(in_population.items())
        }
    return result


def pick_replacement(
    candidates: Sequence[CaseRecord], *, seed: int, replacing: str
) -> CaseRecord | None:
    """A replacement for ``replacing`` from ``candidates`` (its stratum's eligible cases not
    already in the sample), chosen at random but reproducibly from the sample's seed."""
    if not candidates:
        return None
    ordered = sorted(candidates, key=_ref)
    return random.Random(f"{seed}|replace|{replacing}").choice(ordered)
