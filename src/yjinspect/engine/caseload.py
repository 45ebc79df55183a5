"""A service's caseload list, checked row by row: the input to sampling and profiles.

The caller reads the file (CSV, XLSX); this module only judges the values, so the CLI and the
import page refuse the same rows with the same words. No names or dates of birth: a case is the
service's own reference with age, sex, ethnicity group, disposal and risk levels.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from operator import itemgetter
from types import MappingProxyType
from typing import Any, NamedTuple

from .errors import CaseloadError, CaseloadInvalid


def _key(text: str) -> str:
    return "_".join(text.strip().lower().replace("-", " ").replace("_", " ").split())


def _choices(allowed: Sequence[str]) -> dict[str, str]:
    """Every accepted spelling of the allowed values, mapped to the value."""
    found = {value: value for value in allowed}
    found |= {_key(value): value for value in allowed}
    found |= {alias: value for alias, value in ALIASES.items() if value in allowed}
    return found


REQUIRED_COLUMNS = (
    "case_ref",
    "disposal",
    "disposal_type",
    "start_date",
    "sex",
    "age",
    "ethnicity",
    "rosh",
    "safety_wellbeing",
)
DISPOSALS = ("court", "out_of_court")
RISK_LEVELS = ("low", "medium", "high", "very_high")
# Spellings people use for the coded values, beyond case, spaces and hyphens ("Very High",
# "out-of-court" are matched anyway).
ALIASES = {
    "ooc": "out_of_court",
    "outofcourt": "out_of_court",
    "veryhigh": "very_high",
    "v_high": "very_high",
    "med": "medium",
}
DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
PROBLEM_ROWS_SHOWN = 5
# Children come into youth justice from 10 (the age of criminal responsibility in England and
# Wales); some stay on past 18 to finish an order, so the upper limit is generous.
MIN_AGE, MAX_AGE = 10, 25
MAX_TEXT = 60


class CaseRecord(NamedTuple):
    """One child's case as the service lists it. A NamedTuple rather than a frozen dataclass:
    a 50,000-row caseload builds 50,000 of them, at a third of the cost."""

    case_ref: str
    disposal: str
    disposal_type: str
    start_date: date
    sex: str
    age: int
    ethnicity: str
    rosh: str
    safety_wellbeing: str
    extra: Mapping[str, str] = MappingProxyType({})  # optional columns, kept for profiles

    def value(self, name: str) -> str:
        """A field as text, for strata and profiles."""
        if name in self.extra:
            return self.extra[name]
        return str(getattr(self, name))


DISPOSAL_OF = _choices(DISPOSALS)
RISK_OF = _choices(RISK_LEVELS)


def choice(text: str, spellings: Mapping[str, str]) -> str | None:
    """The allowed value ``text`` means (any case, spaces or hyphens), or None."""
    return spellings.get(text) or spellings.get(_key(text))


def check_columns(header: Sequence[str], optional_columns: Sequence[str] | None = None) -> None:
    """Refuse a file whose header lacks a required column or repeats one, and, given the
    framework's optional columns, any other column: a caseload holds nothing else (a column
    such as child_name or date_of_birth is refused before any row is read)."""
    seen: set[str] = set()
    for column in header:
        if column in seen:
            raise CaseloadInvalid(
                [CaseloadError("the column appears twice in the header", row=1, column=column)]
            )
        seen.add(column)
    if optional_columns is not None:
        allowed = {*REQUIRED_COLUMNS, *optional_columns}
        unknown = [c for c in header if c and c not in allowed]
        if unknown:
            raise CaseloadInvalid(
                [
                    CaseloadError(
                        f"column(s) the framework does not use: {', '.join(unknown)}; remove "
                        "them and upload again (a caseload holds only "
                        f"{', '.join([*REQUIRED_COLUMNS, *optional_columns])}: never names, "
                        "dates of birth or addresses)",
                        row=1,
                    )
                ]
            )
    missing = [c for c in REQUIRED_COLUMNS if c not in seen]
    if missing:
        raise CaseloadInvalid(
            [
                CaseloadError(
                    f"missing required column(s): {', '.join(missing)} "
                    f"(the header must include {', '.join(REQUIRED_COLUMNS)})",
                    row=1,
                )
            ]
        )


def parse_caseload(
    rows: Iterable[Mapping[str | None, Any]],
    *,
    header: Sequence[str],
    first_row: int = 2,
    optional_columns: Sequence[str] | None = None,
) -> list[CaseRecord]:
    """Check every row (mappings of column to cell, as csv.DictReader gives) and return the
    cases, or raise :class:`CaseloadInvalid` listing every problem (all-or-nothing).
    ``first_row`` is the spreadsheet row number of the first data row (2, after the header)."""
    names = list(header)

    def cells(row: Mapping[str | None, Any]) -> list[Any]:
        # DictReader puts surplus cells under the key None; keep them so they are reported.
        return [row.get(c) for c in names] + list(row.get(None) or [])

    return parse_caseload_table(
        header,
        (cells(row) for row in rows),
        first_row=first_row,
        optional_columns=optional_columns,
    )


def parse_caseload_table(
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    first_row: int = 2,
    optional_columns: Sequence[str] | None = None,
) -> list[CaseRecord]:
    """:func:`parse_caseload` for rows given as lists of cells in the header's order, as
    csv.reader gives them: the same checks without building a mapping per row (this runs
    50,000 times for a large caseload)."""
    check_columns(header, optional_columns)
    positions = [list(header).index(c) for c in REQUIRED_COLUMNS]
    extras = [(i, c) for i, c in enumerate(header) if c and c not in REQUIRED_COLUMNS]
    width = len(header)
    problems: list[CaseloadError] = []
    cases: list[CaseRecord] = []
    first_seen: dict[str, int] = {}
    required = itemgetter(*positions)
    optional = itemgetter(*(i for i, _c in extras)) if extras else None
    # Optional columns repeat few values (care status...): one mapping per distinct set.
    shared: dict[tuple[str, ...], Mapping[str, str]] = {}
    for number, row in enumerate(rows, start=first_row):
        if len(row) > width and any(str(cell or "").strip() for cell in row[width:]):
            problems.append(CaseloadError("more cells than the header has columns", row=number))
            continue
        short = len(row) < width
        if short:
            values = ["" if i >= len(row) else (row[i] or "").strip() for i in positions]
        else:
            values = [(cell or "").strip() for cell in required(row)]
        ref, disposal, disposal_type, start_text, sex, age_text, ethnicity, rosh, wellbeing = values
        # The fast path for a good row; any doubt goes to _problems, which names each fault.
        start = _date(start_text)
        age = _age(age_text)
        disposal = DISPOSAL_OF.get(disposal) or choice(disposal, DISPOSAL_OF) or disposal
        rosh = RISK_OF.get(rosh) or choice(rosh, RISK_OF) or rosh
        wellbeing = RISK_OF.get(wellbeing) or choice(wellbeing, RISK_OF) or wellbeing
        if (
            start is not None
            and age is not None
            and all(values)
            and max(map(len, values)) <= MAX_TEXT
            and disposal in DISPOSALS
            and rosh in RISK_LEVELS
            and wellbeing in RISK_LEVELS
            and ref not in first_seen
        ):
            first_seen[ref] = number
            cases.append(
                CaseRecord(
                    ref,
                    disposal,
                    disposal_type,
                    start,
                    sex.lower(),
                    age,
                    ethnicity,
                    rosh,
                    wellbeing,
                    _extra(row, extras, optional, short, shared),
                )
            )
        else:
            problems.extend(
                _problems(number, dict(zip(REQUIRED_COLUMNS, values, strict=True)), first_seen)
            )
    if problems:
        raise CaseloadInvalid(problems)
    if not cases:
        raise CaseloadInvalid([CaseloadError("the caseload has no rows after the header")])
    return cases


def _problems(
    number: int, values: dict[str, str], first_seen: dict[str, int]
) -> list[CaseloadError]:
    """Every fault of a row that failed the fast path, each naming its column."""
    found: list[CaseloadError] = []
    for column in REQUIRED_COLUMNS:
        if not values[column]:
            found.append(CaseloadError("is empty", row=number, column=column))
        elif len(values[column]) > MAX_TEXT:
            found.append(
                CaseloadError(f"is longer than {MAX_TEXT} characters", row=number, column=column)
            )
    if found:
        return found
    ref = values["case_ref"]
    if ref in first_seen:
        found.append(
            CaseloadError(
                f"case reference '{ref}' is already on row {first_seen[ref]}",
                row=number,
                column="case_ref",
            )
        )
    else:
        first_seen[ref] = number
    for column, allowed, spellings in (
        ("disposal", DISPOSALS, DISPOSAL_OF),
        ("rosh", RISK_LEVELS, RISK_OF),
        ("safety_wellbeing", RISK_LEVELS, RISK_OF),
    ):
        found.extend(choice_problem(number, column, values[column], allowed, spellings))
    found.extend(date_problem(number, "start_date", values["start_date"]))
    if _age(values["age"]) is None:
        found.append(
            CaseloadError(
                f"'{values['age']}' is not a whole number from {MIN_AGE} to {MAX_AGE}",
                row=number,
                column="age",
            )
        )
    return found


def choice_problem(
    number: int, column: str, value: str, allowed: Sequence[str], spellings: Mapping[str, str]
) -> list[CaseloadError]:
    """The row's problem if ``value`` is none of the allowed values (any accepted spelling)."""
    if choice(value, spellings) is not None:
        return []
    return [
        CaseloadError(f"'{value}' is not one of: {', '.join(allowed)}", row=number, column=column)
    ]


def date_problem(number: int, column: str, value: str) -> list[CaseloadError]:
    if _date(value) is not None:
        return []
    return [
        CaseloadError(
            f"'{value}' is not a date as DD/MM/YYYY or YYYY-MM-DD", row=number, column=column
        )
    ]


def _extra(
    row: Sequence[Any],
    extras: list[tuple[int, str]],
    optional: itemgetter[Any] | None,
    short: bool,
    shared: dict[tuple[str, ...], Mapping[str, str]],
) -> Mapping[str, str]:
    """The row's optional columns, the same mapping for rows with the same values (records
    never change their ``extra``: it is copied wherever it is stored)."""
    if not extras:
        return MappingProxyType({})
    if short or optional is None:
        cells = tuple("" if i >= len(row) else (row[i] or "").strip() for i, _c in extras)
    else:
        got = optional(row)
        cells = tuple((cell or "").strip() for cell in (got if len(extras) > 1 else (got,)))
    found = shared.get(cells)
    if found is None:
        found = shared[cells] = MappingProxyType(
            dict(zip((c for _i, c in extras), cells, strict=True))
        )
    return found


def _date(text: str) -> date | None:
    """A date as the pages show them (13/05/2024) or as ISO (2024-05-13)."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    found = DAY_MONTH_YEAR.fullmatch(text)
    if found is None:
        return None
    day, month, year = (int(part) for part in found.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


def group_problems(problems: Iterable[CaseloadError]) -> list[dict[str, Any]]:
    """Problems of the same kind in the same column, together: how many rows, and the first
    few ("rosh: 85 rows: 'Mid' is not one of …, rows 2, 3, 5, 8, 9 and 80 more"), in the order
    each kind first appears."""
    groups: dict[tuple[str, str], dict[str, Any]] = {}
    for problem in problems:
        group = groups.setdefault(
            (problem.column, problem.message),
            {"column": problem.column, "message": problem.message, "rows": [], "count": 0},
        )
        group["count"] += 1
        if problem.row is not None and len(group["rows"]) < PROBLEM_ROWS_SHOWN:
            group["rows"].append(problem.row)
    for group in groups.values():
        group["row"] = group["rows"][0] if group["rows"] else None
    return list(groups.values())


def _age(text: str) -> int | None:
    try:
        age = int(text)
    except ValueError:
        return None
    return age if MIN_AGE <= age <= MAX_AGE else None
