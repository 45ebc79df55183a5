"""A service's list of victims, checked row by row: the input to the victims' sample (2025).

A victim's row names no one: the service's own reference, the disposal and disposal type of
the child's offence, the date that disposal started (which decides eligibility, as for the
child), and the kind of victim. Like a caseload, a list is taken whole or not at all, and a
column for a name, address or date of birth is refused before any row is read.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from .caseload import (
    DISPOSAL_OF,
    DISPOSALS,
    MAX_TEXT,
    CaseRecord,
    _choices,
    _date,
    choice,
    choice_problem,
    date_problem,
)
from .errors import CaseloadError, CaseloadInvalid

VICTIM_COLUMNS = ("victim_ref", "disposal", "disposal_type", "start_date", "victim_type")
VICTIM_TYPES = ("individual", "business", "organisation")
VICTIM_TYPE_OF = _choices(VICTIM_TYPES)
# A victim's record carries none of a child's profile: these fields of the shared case record
# stay empty, so nothing personal is held and nothing is inferred from them.
NO_DETAIL = ""


def parse_victims(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> list[CaseRecord]:
    """Check every row (cells in the header's order) and return the victims as case records,
    or raise :class:`CaseloadInvalid` listing every problem by row and column."""
    header = [str(c or "").strip().lower() for c in header]
    _check_columns(header)
    positions = [header.index(c) for c in VICTIM_COLUMNS]
    problems: list[CaseloadError] = []
    victims: list[CaseRecord] = []
    first_seen: dict[str, int] = {}
    for number, row in enumerate(rows, start=2):
        if not any(str(cell or "").strip() for cell in row):
            continue  # a blank line at the end of a spreadsheet
        values = {
            column: str(row[i] if i < len(row) and row[i] is not None else "").strip()
            for column, i in zip(VICTIM_COLUMNS, positions, strict=True)
        }
        found = _row_problems(number, values, first_seen)
        if found:
            problems.extend(found)
            continue
        ref = values["victim_ref"]
        first_seen[ref] = number
        start = _date(values["start_date"])
        assert start is not None  # checked above
        victims.append(
            CaseRecord(
                ref,
                str(choice(values["disposal"], DISPOSAL_OF)),
                values["disposal_type"],
                start,
                NO_DETAIL,
                0,
                NO_DETAIL,
                NO_DETAIL,
                NO_DETAIL,
                {"victim_type": str(choice(values["victim_type"], VICTIM_TYPE_OF))},
            )
        )
    if problems:
        raise CaseloadInvalid(problems)
    if not victims:
        raise CaseloadInvalid([CaseloadError("the list has no rows after the header")])
    return victims


def _check_columns(header: Sequence[str]) -> None:
    unknown = [c for c in header if c and c not in VICTIM_COLUMNS]
    if unknown:
        raise CaseloadInvalid(
            [
                CaseloadError(
                    f"column(s) a victims list does not hold: {', '.join(unknown)}; remove them "
                    f"and upload again (a victims list holds only {', '.join(VICTIM_COLUMNS)}: "
                    "never names, addresses or dates of birth)",
                    row=1,
                )
            ]
        )
    missing = [c for c in VICTIM_COLUMNS if c not in header]
    if missing:
        raise CaseloadInvalid(
            [CaseloadError(f"missing required column(s): {', '.join(missing)}", row=1)]
        )
    repeated = sorted({c for c in header if c and header.count(c) > 1})
    if repeated:
        raise CaseloadInvalid(
            [CaseloadError("the column appears twice in the header", row=1, column=repeated[0])]
        )


def _row_problems(
    number: int, values: dict[str, str], first_seen: dict[str, int]
) -> list[CaseloadError]:
    found: list[CaseloadError] = []
    for column, value in values.items():
        if not value:
            found.append(CaseloadError("is empty", row=number, column=column))
        elif len(value) > MAX_TEXT:
            found.append(
                CaseloadError(f"is longer than {MAX_TEXT} characters", row=number, column=column)
            )
    if found:
        return found
    ref = values["victim_ref"]
    if ref in first_seen:
        found.append(
            CaseloadError(
                f"victim reference '{ref}' is already on row {first_seen[ref]}",
                row=number,
                column="victim_ref",
            )
        )
    found.extend(choice_problem(number, "disposal", values["disposal"], DISPOSALS, DISPOSAL_OF))
    found.extend(
        choice_problem(number, "victim_type", values["victim_type"], VICTIM_TYPES, VICTIM_TYPE_OF)
    )
    found.extend(date_problem(number, "start_date", values["start_date"]))
    return found
