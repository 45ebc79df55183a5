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
    rows[2]["start_date"] = "13/05/2024"
    rows[2]["age"] = "seven"
    rows[4]["case_ref"] = rows[1]["case_ref"]
    with pytest.raises(CaseloadInvalid) as error:
        parse_caseload(rows, header=HEADER)
    messages = [str(p) for p in error.value.problems]
    assert messages == [
        "row 2, column 'rosh': 'severe' is not one of: low, medium, high, very_high",
        "row 4, column 'start_date': '13/05/2024' is not a date as YYYY-MM-DD",
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
