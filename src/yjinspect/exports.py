"""The one CSV and Excel writer every export uses. A cell a spreadsheet would run as a
formula (one starting with =, +, -, @, a tab or a carriage return) is written as text, so an
action typed as `=HYPERLINK(...)` or `+cmd|' /C calc'!A0` arrives as those characters, never
live (OWASP's CSV injection)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def as_text(value: object) -> str:
    """The cell's text; a leading quote keeps a spreadsheet from reading it as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([as_text(h) for h in header])
    writer.writerows([as_text(cell) for cell in row] for row in rows)
    return out.getvalue()


def xlsx_bytes(title: str, header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """A one-sheet workbook in which every cell is a string cell: Excel shows a formula-like
    value as typed and never evaluates it."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title[:31]  # Excel's limit for a sheet name
    for number, row in enumerate([header, *rows], start=1):
        for column, value in enumerate(row, start=1):
            cell = sheet.cell(row=number, column=column)
            cell.value = "" if value is None else str(value)
            cell.data_type = "s"  # set after the value: openpyxl guesses "f" from a leading =
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
