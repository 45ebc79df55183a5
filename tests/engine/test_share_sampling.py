"""The national standards' case audit: a share of the cases relevant to each standard with a
minimum (20% and at least 20, or every case when fewer), drawn only from the disposal types a
standard is about."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from yjinspect.engine import FrameworkError, get_framework, parse_framework
from yjinspect.engine.caseload import CaseRecord
from yjinspect.engine.loader import FRAMEWORKS_DIR
from yjinspect.engine.sampling import draw_sample, size_working
from yjinspect.engine.strictyaml import read_yaml

AUDIT = date(2025, 6, 2)


@pytest.mark.parametrize(
    ("relevant", "size", "held_by"),
    [(5, 5, "population"), (20, 20, "population"), (60, 20, "min"), (99, 20, None), (101, 21, None),
     (300, 60, None), (3000, 500, "max")],
)  # fmt: skip
def test_a_fifth_with_a_minimum_of_20_or_every_case(relevant, size, held_by):
    working = size_working(
        relevant, confidence=None, margin=None, min_size=20, max_size=500, share=0.2
    )
    assert (working.size, working.held_by) == (size, held_by)


def case(n: int, disposal: str, kind: str) -> CaseRecord:
    return CaseRecord(
        case_ref=f"C{n:04d}",
        disposal=disposal,
        disposal_type=kind,
        start_date=AUDIT - timedelta(days=5 + n % 300),
        sex="male",
        age=15,
        ethnicity="white",
        rosh="medium",
        safety_wellbeing="low",
    )


def test_each_standard_draws_from_its_own_cases():
    framework = get_framework("yjb-ns-2019")
    cases = [case(n, "court", "Detention and Training Order") for n in range(25)]
    cases += [case(100 + n, "court", "referral order") for n in range(200)]
    cases += [case(400 + n, "out_of_court", "youth caution") for n in range(60)]
    result = draw_sample(framework, cases, fieldwork=AUDIT, seed=3)
    sizes = {p.population.id: (p.eligible, p.size) for p in result.populations}
    assert sizes == {
        "out_of_court": (60, 20),
        "at_court": (225, 45),
        "community": (200, 40),
        "secure": (25, 20),  # the custodial cases, whatever their capitals
        "transition": (25, 20),
    }
    secure = next(p for p in result.populations if p.population.id == "secure")
    assert {c.case.disposal_type for c in secure.chosen} == {"Detention and Training Order"}
    community = next(p for p in result.populations if p.population.id == "community")
    assert {c.case.disposal_type for c in community.chosen} == {"referral order"}


def test_a_sample_sized_by_a_share_has_no_confidence_or_margin():
    data = read_yaml((FRAMEWORKS_DIR / "yjb-ns-2019.yaml").read_text(), source="t")
    data["sampling"]["confidence"] = 0.8
    with pytest.raises(FrameworkError, match=r"sampling\.confidence: a sample sized by a share"):
        parse_framework(data, source="t")
    del data["sampling"]["confidence"], data["sampling"]["share"]
    with pytest.raises(FrameworkError, match="missing required key 'confidence'"):
        parse_framework(data, source="t")


def test_one_standard_keeps_only_its_own_population():
    framework = get_framework("yjb-ns-2019").restricted_to(("4",))
    assert [s.id for s in framework.standards] == ["4.1", "4.2"]
    assert [p.id for p in framework.sampling.populations] == ["secure"]
