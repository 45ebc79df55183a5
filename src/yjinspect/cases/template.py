"""The caseload template a service fills in: each column with what it may hold, as a page
lists them and as CSV and Excel files to download (the Excel one offers the coded values as
drop-down lists)."""

from __future__ import annotations

import io
from typing import NamedTuple

from django.utils.translation import gettext as _

from yjinspect.engine import Framework
from yjinspect.engine.caseload import DISPOSALS, MAX_AGE, MIN_AGE, REQUIRED_COLUMNS, RISK_LEVELS
from yjinspect.exports import as_text, csv_text


class Column(NamedTuple):
    name: str
    allowed: str  # what a cell may hold, in words
    example: str
    choices: tuple[str, ...] = ()  # the coded values, when the column has a fixed list


def columns(framework: Framework) -> list[Column]:
    """Every column a caseload for this framework may have, required ones first."""
    guide = {
        "case_ref": Column(
            "case_ref", _("The service's own case reference: never a name"), "YJ24-0153"
        ),
        "disposal": Column("disposal", ", ".join(DISPOSALS), "court", DISPOSALS),
        "disposal_type": Column(
            "disposal_type",
            _("The order or outcome, as the service records it"),
            "Referral order",
        ),
        "start_date": Column(
            "start_date", _("The date it started, as DD/MM/YYYY or YYYY-MM-DD"), "14/11/2023"
        ),
        "sex": Column("sex", _("As the service records it, for example male, female"), "male"),
        "age": Column(
            "age",
            _("Age in whole years at the start, %(min)s to %(max)s")
            % {"min": MIN_AGE, "max": MAX_AGE},
            "15",
        ),
        "ethnicity": Column("ethnicity", _("The ethnic group as the service records it"), "White"),
        "rosh": Column(
            "rosh",
            ", ".join(RISK_LEVELS) + " " + _("(risk of serious harm)"),
            "medium",
            RISK_LEVELS,
        ),
        "safety_wellbeing": Column("safety_wellbeing", ", ".join(RISK_LEVELS), "low", RISK_LEVELS),
        "care_status": Column(
            "care_status",
            _("Optional: looked after, or not looked after"),
            "not looked after",
            ("looked after", "not looked after"),
        ),
    }
    names = [*REQUIRED_COLUMNS, *framework.optional_columns]
    return [guide.get(name, Column(name, _("Optional"), "")) for name in names]


def as_csv(framework: Framework) -> str:
    cols = columns(framework)
    return csv_text([c.name for c in cols], [[c.example for c in cols]])


def as_xlsx(framework: Framework) -> bytes:
    """A workbook: the caseload sheet (header, one example row, drop-down lists for the coded
    columns) and a sheet saying what each column may hold."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    cols = columns(framework)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Caseload"
    for number, column in enumerate(cols, start=1):
        for row, value in ((1, column.name), (2, column.example)):
            cell = sheet.cell(row=row, column=number)
            cell.value = as_text(value)
            cell.data_type = "s"
        if column.choices:
            letter = get_column_letter(number)
            listed = DataValidation(
                type="list",
                formula1='"' + ",".join(column.choices) + '"',
                allow_blank=False,
                showErrorMessage=True,
                errorTitle=column.name,
                error=_("Choose one of: %(values)s") % {"values": ", ".join(column.choices)},
            )
            sheet.add_data_validation(listed)
            listed.add(f"{letter}2:{letter}100000")
    guide = book.create_sheet(_("Columns"))
    for row, values in enumerate(
        [(_("Column"), _("What it may hold")), *((c.name, c.allowed) for c in cols)], start=1
    ):
        for number, value in enumerate(values, start=1):
            cell = guide.cell(row=row, column=number)
            cell.value = as_text(value)
            cell.data_type = "s"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
