"""The engine's exceptions: every refusal names the thing that was wrong.

    EngineError                 base; never raised itself
    ├── FrameworkError          a framework file breaks the schema (``path`` names the place)
    │   └── FrameworkNotFound   no framework with that id is installed
    ├── RatingInputError        input to ``rate`` is wrong (``field`` names the JSON path)
    ├── CaseloadError           a caseload row is wrong (``row`` and ``column`` name the cell)
    └── CaseloadInvalid         all of a caseload's bad rows at once (``problems``)

Callers (CLI, pages, API) show ``str(error)``: it is written for the person who made the
mistake, so it must say where the problem is and, where it can, what would be right.
"""

from __future__ import annotations


class EngineError(Exception):
    """Base of all the engine's errors."""


class FrameworkError(EngineError):
    """A framework definition is invalid.

    ``path`` is where in the file the problem is, e.g. ``domains[1].standards[0].id``;
    ``source`` is the file (or framework id) it came from.
    """

    def __init__(self, message: str, *, path: str = "", source: str = "") -> None:
        self.message = message
        self.path = path
        self.source = source
        where = ": ".join(part for part in (source, path) if part)
        super().__init__(f"{where}: {message}" if where else message)


class FrameworkNotFound(FrameworkError):
    """No installed framework has the requested id."""


class RatingInputError(EngineError):
    """Input to the rating engine is wrong; ``field`` is the JSON path of the bad value."""

    def __init__(self, message: str, *, field: str) -> None:
        self.message = message
        self.field = field
        super().__init__(f"{field}: {message}" if field else message)


class CaseloadError(EngineError):
    """A caseload row is wrong; ``row`` is the 1-based data row number as a person counts
    them in a spreadsheet (the header is row 1), ``column`` the column name."""

    def __init__(self, message: str, *, row: int | None = None, column: str = "") -> None:
        self.message = message
        self.row = row
        self.column = column
        where = []
        if row is not None:
            where.append(f"row {row}")
        if column:
            where.append(f"column '{column}'")
        super().__init__(f"{', '.join(where)}: {message}" if where else message)


class CaseloadInvalid(EngineError):
    """A caseload has one or more bad rows; ``problems`` lists every one, so the person can
    mend the file in one go. Nothing is imported or sampled from it."""

    def __init__(self, problems: list[CaseloadError]) -> None:
        self.problems = problems
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        super().__init__(f"{problems[0]}{more}")
