"""Caseload rows are checked all at once, each problem named by row and column."""

from __future__ import annotations

from datetime import date

import pytest

from yjinspect.engine import CaseloadInvalid, parse_caseload
from yjinspect.synthetic import HEADER, caseload_rows


def good_rows(count=3):
    return caseload_rows(count, fieldwork=date(2024, 5, 13))


def test_good_rows_become_cases_keeping_optional_columns():
    cases = parse_caseload(good_rows(), header=HEADER)
    assert len(cases) == 3
    assert cases[0].extra["care_status"] in ("looked after", "not looked after")
    assert isinstance(cases[0].start_date, date)


def test_every_bad_row_is_listed_with_its_spreadsheet_row_and_column():
    rows = good_rows(5)
    rows[0]["rosh"] = "severe"
    rows[2]["start_date"] = "31/02/2024"
    rows[2]["age"] = "seven"
    rows[4]["case_ref"] = rows[1]["case_ref"]
    with pytest.raises(CaseloadInvalid) as error:
        parse_caseload(rows, header=HEADER)
    messages = [str(p) for p in error.value.problems]
    assert messages == [
        "row 2, column 'rosh': 'severe' is not one of: low, medium, high, very_high",
        "row 4, column 'start_date': '31/02/2024' is not a date as DD/MM/YYYY or YYYY-MM-DD",
        "row 4, column 'age': 'seven' is not a whole number from 10 to 25",
        f"row 6, column 'case_ref': case reference '{rows[1]['case_ref']}' is already on row 3",
    ]


def test_an_empty_cell_and_a_surplus_cell_are_named():
    rows = good_rows(2)
    rows[0]["sex"] = "  "
    rows[1][None] = ["extra"]
    with pytest.raises(CaseloadInvalid) as error:
        parse_caseload(rows, header=HEADER)
    assert [str(p) for p in error.value.problems] == [
        "row 2, column 'sex': is empty",
        "row 3: more cells than the header has columns",
    ]


def test_a_missing_column_is_named():
    header = [c for c in HEADER if c != "rosh"]
    with pytest.raises(CaseloadInvalid, match="row 1: missing required column\\(s\\): rosh"):
        parse_caseload([], header=header)


def test_a_caseload_with_no_rows_is_refused():
    with pytest.raises(CaseloadInvalid, match="no rows after the header"):
        parse_caseload([], header=HEADER)


def test_rows_as_cell_lists_are_checked_exactly_like_mappings():
    from yjinspect.engine.caseload import parse_caseload_table

    rows = good_rows(4)
    rows[1]["age"] = "9"
    cells = [[row[c] for c in HEADER] for row in rows]
    cells[2] = [*cells[2], "surplus"]
    with pytest.raises(CaseloadInvalid) as as_table:
        parse_caseload_table(HEADER, cells)
    mappings = [dict(zip(HEADER, row, strict=False)) for row in cells]
    mappings[2][None] = ["surplus"]
    with pytest.raises(CaseloadInvalid) as as_mappings:
        parse_caseload(mappings, header=HEADER)
    messages = [str(p) for p in as_table.value.problems]
    assert messages == [str(p) for p in as_mappings.value.problems]
    assert messages == [
        "row 3, column 'age': '9' is not a whole number from 10 to 25",
        "row 4: more cells than the header has columns",
    ]
    good = [[row[c] for c in HEADER] for row in good_rows(3)]
    good[0] = good[0][:-1]  # a short row: the missing optional cell is empty, not an error
    assert parse_caseload_table(HEADER, good)[0].extra == {"care_status": ""}


def test_values_are_read_as_people_write_them():
    rows = good_rows(3)
    rows[0].update(rosh="Medium", safety_wellbeing="Very High", start_date="13/05/2024")
    rows[1].update(disposal="Out-of-court", rosh="very-high", safety_wellbeing="LOW")
    rows[2].update(start_date="1.2.2024")
    cases = parse_caseload(rows, header=HEADER)
    assert (cases[0].rosh, cases[0].safety_wellbeing) == ("medium", "very_high")
    assert cases[0].start_date == date(2024, 5, 13)
    assert (cases[1].disposal, cases[1].rosh, cases[1].safety_wellbeing) == (
        "out_of_court",
        "very_high",
        "low",
    )
    assert cases[2].start_date == date(2024, 2, 1)


def test_problems_of_one_kind_are_grouped_with_the_first_rows_named():
    from yjinspect.engine.caseload import group_problems

    rows = good_rows(12)
    for row in rows[:9]:
        row["rosh"] = "severe"
    rows[10]["age"] = "seven"
    with pytest.raises(CaseloadInvalid) as error:
        parse_caseload(rows, header=HEADER)
    groups = group_problems(error.value.problems)
    assert [(g["column"], g["count"], g["rows"]) for g in groups] == [
        ("rosh", 9, [2, 3, 4, 5, 6]),
        ("age", 1, [12]),
    ]
    assert groups[0]["message"] == "'severe' is not one of: low, medium, high, very_high"
