"""The case sample: eligible by window, sized for 80% ± 5%, proportional, reproducible."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yjinspect.engine import draw_sample, get_framework, parse_caseload, required_sample_size
from yjinspect.engine.sampling import controlled_round, months_before
from yjinspect.synthetic import HEADER, caseload_rows

FIELDWORK = date(2024, 5, 13)


def cases(count: int, seed: int = 1):
    return parse_caseload(caseload_rows(count, fieldwork=FIELDWORK, seed=seed), header=HEADER)


# z = 1.2816 for 80% confidence; n0 = z² × 0.25 / 0.05² = 164.24; n = n0 / (1 + (n0 − 1) / N).
@pytest.mark.parametrize(
    ("population", "expected"),
    [(100, 63), (40, 33), (20, 18), (1000, 142), (1, 1)],  # 62.4, 32.3, 17.9, 141.2, 1.0
)
def test_the_size_is_80_percent_plus_or_minus_5_with_finite_population_correction(
    population, expected
):
    size = required_sample_size(population, confidence=0.8, margin=0.05, min_size=1, max_size=999)
    assert size == expected


def test_the_size_is_held_within_the_framework_bounds_and_the_population():
    size = required_sample_size
    assert size(1000, confidence=0.8, margin=0.05, min_size=10, max_size=60) == 60
    assert size(12, confidence=0.8, margin=0.05, min_size=14, max_size=91) == 12
    assert size(0, confidence=0.8, margin=0.05, min_size=14, max_size=91) == 0
    assert size(200, confidence=0.8, margin=0.05, min_size=14, max_size=91) == 91


def test_months_before_keeps_the_day_or_clamps_to_the_month_end():
    assert months_before(date(2024, 5, 13), 9) == date(2023, 8, 13)
    assert months_before(date(2024, 5, 31), 3) == date(2024, 2, 29)
    assert months_before(date(2024, 1, 15), 1) == date(2023, 12, 15)


def test_only_cases_inside_the_windows_are_eligible_ends_included():
    framework = get_framework("hmip-yjs-2018")
    rows = [
        dict(
            caseload_rows(1, fieldwork=FIELDWORK)[0],
            case_ref=ref,
            disposal=disposal,
            disposal_type="referral order",
            start_date=start,
        )
        for ref, disposal, start in [
            ("first-day", "court", "2023-08-13"),  # 9 months before: in
            ("last-day", "court", "2023-11-13"),  # 6 months before: in
            ("too-old", "court", "2023-08-12"),
            ("too-new", "court", "2023-11-14"),
            ("oocd-in", "out_of_court", "2024-01-01"),
            ("oocd-too-new", "out_of_court", "2024-03-01"),
        ]
    ]
    result = draw_sample(
        framework, parse_caseload(rows, header=HEADER), fieldwork=FIELDWORK, seed=1
    )
    court, oocd = result.populations
    assert {c.case.case_ref for c in court.chosen} == {"first-day", "last-day"}
    assert {c.case.case_ref for c in oocd.chosen} == {"oocd-in"}
    assert result.ineligible == 3


def test_the_same_caseload_and_seed_give_the_same_sample_whatever_the_row_order():
    framework = get_framework("hmip-yjs-2018")
    caseload = cases(600)
    shuffled = list(caseload)
    random.Random(99).shuffle(shuffled)
    first = draw_sample(framework, caseload, fieldwork=FIELDWORK, seed=7)
    again = draw_sample(framework, shuffled, fieldwork=FIELDWORK, seed=7)
    refs = [[c.case.case_ref for c in p.chosen] for p in first.populations]
    assert refs == [[c.case.case_ref for c in p.chosen] for p in again.populations]
    other = draw_sample(framework, caseload, fieldwork=FIELDWORK, seed=8)
    assert refs != [[c.case.case_ref for c in p.chosen] for p in other.populations]


def test_each_stratum_gets_its_proportional_share_within_one_case():
    framework = get_framework("hmip-yjs-2018")
    result = draw_sample(framework, cases(2000), fieldwork=FIELDWORK, seed=3)
    for population in result.populations:
        assert len(population.chosen) == population.size
        in_sample = Counter(c.stratum for c in population.chosen)
        # Rebuild the eligible strata from the profile-independent record on each case.
        eligible = Counter()
        for case in cases(2000):
            start, end = population.eligible_from.get(case.disposal, (None, None))
            if start and start <= case.start_date <= end:
                eligible[tuple(case.value(s) for s in framework.sampling.strata)] += 1
        assert sum(eligible.values()) == population.eligible
        for stratum, count in eligible.items():
            share = count * population.size / population.eligible
            assert abs(in_sample.get(stratum, 0) - share) < 1


def test_the_profile_puts_population_and_sample_side_by_side():
    framework = get_framework("hmip-yjs-2018")
    result = draw_sample(framework, cases(800), fieldwork=FIELDWORK, seed=3)
    court = result.populations[0]
    sexes = court.profile["sex"]
    assert sum(pop for pop, _ in sexes.values()) == court.eligible
    assert sum(sample for _, sample in sexes.values()) == court.size
    assert set(court.profile["age_band"]) <= {"10–14", "15–17", "18+"}


def test_2025_draws_one_childrens_sample_from_both_disposals_and_lists_victims_as_not_drawn():
    framework = get_framework("hmip-yjs-2025")
    result = draw_sample(framework, cases(300), fieldwork=FIELDWORK, seed=1)
    (children,) = result.populations
    assert {c.case.disposal for c in children.chosen} == {"court", "out_of_court"}
    assert 14 <= children.size <= 91
    assert [p.id for p in result.not_drawn] == ["victims"]


@given(
    sizes=st.lists(st.integers(min_value=1, max_value=200), min_size=1, max_size=30),
    seed=st.integers(min_value=0, max_value=10_000),
    data=st.data(),
)
def test_allocation_adds_up_and_never_strays_a_whole_case_from_proportion(sizes, seed, data):
    strata = {(str(i),): size for i, size in enumerate(sizes)}
    total = data.draw(st.integers(min_value=0, max_value=sum(sizes)))
    shares = controlled_round(strata, total, random.Random(seed))
    assert sum(shares.values()) == total
    for key, size in strata.items():
        assert abs(shares[key] - size * total / sum(sizes)) < 1
        assert 0 <= shares[key] <= size


def lopsided(count: int, seed: int):
    """A caseload where one disposal type is rare and most children are of one sex."""
    rows = caseload_rows(count, fieldwork=FIELDWORK, seed=seed)
    rng = random.Random(seed)
    for row in rows:
        if row["disposal"] == "court":
            row["disposal_type"] = (
                "detention and training order" if rng.random() < 0.04 else "referral order"
            )
        row["sex"] = "female" if rng.random() < 0.08 else "male"
    return parse_caseload(rows, header=HEADER)


@pytest.mark.parametrize(("count", "seed"), [(60, 1), (150, 2), (300, 3), (900, 4), (120, 5)])
@pytest.mark.parametrize("make", [cases, lopsided], ids=["even", "lopsided"])
def test_each_disposal_type_is_within_one_case_of_its_proportional_share(count, seed, make):
    for framework_id in ("hmip-yjs-2018", "hmip-yjs-2025"):
        caseload = make(count, seed)
        result = draw_sample(get_framework(framework_id), caseload, fieldwork=FIELDWORK, seed=seed)
        for population in result.populations:
            assert len(population.chosen) == population.size
            eligible = population.profile["disposal_type"]
            for value, (in_population, in_sample) in eligible.items():
                share = in_population * population.size / population.eligible
                assert abs(in_sample - share) < 1, (framework_id, value, in_sample, share)


def test_over_many_seeds_every_variables_average_count_is_its_share():
    """No value is favoured: averaged over seeds, each count equals its proportional share
    (the rounding's extra cases and the choice within strata are both drawn at random)."""
    framework = get_framework("hmip-yjs-2018")
    caseload = lopsided(300, 7)
    seeds = range(300)
    totals: Counter[tuple[str, str]] = Counter()
    shares: dict[tuple[str, str], float] = {}
    for seed in seeds:
        (court, *_rest) = draw_sample(
            framework, caseload, fieldwork=FIELDWORK, seed=seed
        ).populations
        for field in ("disposal_type", "sex", "rosh", "safety_wellbeing", "ethnicity"):
            for value, (in_population, in_sample) in court.profile[field].items():
                totals[field, value] += in_sample
                shares[field, value] = in_population * court.size / court.eligible
    for key, share in shares.items():
        average = totals[key] / len(seeds)
        # Three standard errors of a count's mean over 300 draws is well under 0.3 of a case.
        assert abs(average - share) < 0.3, (key, average, share)
