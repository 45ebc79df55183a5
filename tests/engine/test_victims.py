"""The 2025 victims list: checked by row and column like a caseload, holding no one's
details, and sampled within the framework's bounds (at least 9, at most 24 victims)."""

from __future__ import annotations

import csv
import io
from collections import Counter
from datetime import date

import pytest

from yjinspect.engine import CaseloadInvalid, draw_sample, get_framework
from yjinspect.engine.victims import parse_victims
from yjinspect.synthetic import victims_csv

FIELDWORK = date(2025, 9, 8)


def table(text: str) -> tuple[list[str], list[list[str]]]:
    rows = list(csv.reader(io.StringIO(text)))
    return rows[0], rows[1:]


def test_a_good_list_becomes_victims_with_no_personal_details():
    header, rows = table(victims_csv(40, fieldwork=FIELDWORK, seed=2))
    victims = parse_victims(header, rows)
    assert len(victims) == 40
    assert {v.extra["victim_type"] for v in victims} <= {"individual", "business", "organisation"}
    assert all(v.sex == "" and v.age == 0 and v.ethnicity == "" for v in victims)


def test_every_bad_row_is_named_and_nothing_is_taken():
    header, rows = table(
        "victim_ref,disposal,disposal_type,start_date,victim_type\n"
        "V1,court,referral order,2025-01-10,individual\n"
        "V1,sideways,referral order,2025-13-10,person\n"
        ",court,,2025-01-10,individual\n"
    )
    with pytest.raises(CaseloadInvalid) as error:
        parse_victims(header, rows)
    found = {(p.row, p.column) for p in error.value.problems}
    assert found == {
        (3, "victim_ref"),
        (3, "disposal"),
        (3, "start_date"),
        (3, "victim_type"),
        (4, "victim_ref"),
        (4, "disposal_type"),
    }


def test_a_column_for_a_name_is_refused_before_any_row_is_read():
    header, rows = table("victim_ref,name,disposal,disposal_type,start_date,victim_type\n")
    with pytest.raises(CaseloadInvalid, match="never names"):
        parse_victims(header, rows)


# 40 listed: 6 in the windows, all taken (fewer than the minimum); 150 and 900: the maximum.
@pytest.mark.parametrize(("listed", "size"), [(40, 6), (150, 24), (900, 24)])
def test_the_victims_sample_keeps_to_its_bounds_and_its_strata(listed, size):
    framework = get_framework("hmip-yjs-2025")
    header, rows = table(victims_csv(listed, fieldwork=FIELDWORK, seed=4))
    victims = parse_victims(header, rows)
    result = draw_sample(framework, victims, fieldwork=FIELDWORK, seed=1, source="victims")
    (drawn,) = result.populations
    assert drawn.population.id == "victims" and [p.id for p in result.not_drawn] == ["children"]
    assert drawn.size == size and len(drawn.chosen) == size
    assert 9 <= drawn.size <= 24 or drawn.size == drawn.eligible < 9
    assert set(drawn.profile) == {"disposal_type", "victim_type"}
    # Each disposal within one victim of its share.
    eligible = Counter(v.disposal for v in victims if _eligible(drawn, v))
    chosen = Counter(c.case.disposal for c in drawn.chosen)
    for disposal, count in eligible.items():
        assert abs(chosen[disposal] - count * drawn.size / drawn.eligible) < 1 + 1e-9


def _eligible(drawn, victim) -> bool:
    window = drawn.eligible_from.get(victim.disposal)
    return window is not None and window[0] <= victim.start_date <= window[1]
