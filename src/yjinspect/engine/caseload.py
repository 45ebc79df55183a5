"""A service's caseload list, checked row by row: the input to sampling and profiles.

The caller reads the file (CSV, XLSX); this module only judges the values, so the CLI and the
import page refuse the same rows with the same words. No names or dates of birth: a case is the
service's own reference with age, sex, ethnicity group, disposal and risk levels.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from .errors import CaseloadError, CaseloadInvalid

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
# Children come into youth justice from 10 (the age of criminal responsibility in England and
# Wales); some stay on past 18 to finish an order, so the upper limit is generous.
MIN_AGE, MAX_AGE = 10, 25
MAX_TEXT = 60


@dataclass(frozen=True, slots=True)
class CaseRecord:
    """One child's case as the service lists it."""

    case_ref: str
    disposal: str
    disposal_type: str
    start_date: date
    sex: str
    age: int
    ethnicity: str
    rosh: str
    safety_wellbeing: str
    extra: Mapping[str, str] = field(default_factory=dict)  # optional columns, kept for profiles

    def value(self, name: str) -> str:
        """A field as text, for strata and profiles."""
        if name in self.extra:
            return self.extra[name]
        return str(getattr(self, name))


def check_columns(header: Sequence[str]) -> None:
    """Refuse a file whose header lacks a required column or repeats one."""
    seen: set[str] = set()
    for column in header:
        if column in seen:
            raise CaseloadInvalid(
                [CaseloadError("the column appears twice in the header", row=1, column=column)]
            )
        seen.add(column)
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
    rows: Iterable[Mapping[str, str | None]], *, header: Sequence[str], first_row: int = 2
) -> list[CaseRecord]:
    """Check every row and return the cases, or raise :class:`CaseloadInvalid` listing every
    problem (all-or-nothing). ``first_row`` is the spreadsheet row number of the first data
    row (2, after the header)."""
    check_columns(header)
    extra_columns = [c for c in header if c not in REQUIRED_COLUMNS and c]
    problems: list[CaseloadError] = []
    cases: list[CaseRecord] = []
    first_seen: dict[str, int] = {}
    for number, row in enumerate(rows, start=first_row):
        if None in row:  # csv.DictReader puts surplus cells under the key None
            problems.append(CaseloadError("more cells than the header has columns", row=number))
            continue
        before = len(problems)
        values = {c: (row.get(c) or "").strip() for c in REQUIRED_COLUMNS}
        for column in REQUIRED_COLUMNS:
            if not values[column]:
                problems.append(CaseloadError("is empty", row=number, column=column))
            elif len(values[column]) > MAX_TEXT:
                problems.append(
                    CaseloadError(
                        f"is longer than {MAX_TEXT} characters", row=number, column=column
                    )
                )
        if len(problems) > before:
            continue
        ref = values["case_ref"]
        if ref in first_seen:
            problems.append(
                CaseloadError(
                    f"case reference '{ref}' is already on row {first_seen[ref]}",
                    row=number,
                    column="case_ref",
                )
            )
        else:
            first_seen[ref] = number
        for column, allowed in (
            ("disposal", DISPOSALS),
            ("rosh", RISK_LEVELS),
            ("safety_wellbeing", RISK_LEVELS),
        ):
            if values[column] not in allowed:
                problems.append(
                    CaseloadError(
                        f"'{values[column]}' is not one of: {', '.join(allowed)}",
                        row=number,
                        column=column,
                    )
                )
        try:
            start = date.fromisoformat(values["start_date"])
        except ValueError:
            problems.append(
                CaseloadError(
                    f"'{values['start_date']}' is not a date as YYYY-MM-DD",
                    row=number,
                    column="start_date",
                )
            )
            start = date.min
        age = _age(values["age"])
        if age is None:
            problems.append(
                CaseloadError(
                    f"'{values['age']}' is not a whole number from {MIN_AGE} to {MAX_AGE}",
                    row=number,
                    column="age",
                )
            )
        if len(problems) > before or age is None:
            continue
        cases.append(
            CaseRecord(
                case_ref=ref,
                disposal=values["disposal"],
                disposal_type=values["disposal_type"],
                start_date=start,
                sex=values["sex"].lower(),
                age=age,
                ethnicity=values["ethnicity"],
                rosh=values["rosh"],
                safety_wellbeing=values["safety_wellbeing"],
                extra={c: (row.get(c) or "").strip() for c in extra_columns},
            )
        )
    if problems:
        raise CaseloadInvalid(problems)
    if not cases:
        raise CaseloadInvalid([CaseloadError("the caseload has no rows after the header")])
    return cases


def _age(text: str) -> int | None:
    try:
        age = int(text)
    except ValueError:
        return None
    return age if MIN_AGE <= age <= MAX_AGE else None
