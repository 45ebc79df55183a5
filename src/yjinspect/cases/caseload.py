"""Caseload import: read a CSV or XLSX upload, check every row with the engine, show a preview,
then import all-or-nothing on confirmation (in the background for large files, with progress)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import IO, Any

from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from yjinspect.audit.services import record
from yjinspect.engine import CaseloadError, CaseloadInvalid, parse_caseload
from yjinspect.engine.caseload import REQUIRED_COLUMNS
from yjinspect.inspections.models import Inspection
from yjinspect.inspections.services import is_lead, require
from yjinspect.tasks import run_in_background

from .models import Case, CaseloadImport

# Above this many rows the import runs in the background with a progress bar.
BACKGROUND_ROWS = 2_000
BATCH = 2_000
MAX_PROBLEMS_KEPT = 500


def read_table(name: str, handle: IO[bytes]) -> tuple[list[str], list[dict[str, str | None]]]:
    """The header and rows of an uploaded CSV or XLSX file, as text."""
    lower = name.lower()
    if lower.endswith(".xlsx"):
        return _read_xlsx(handle)
    if lower.endswith(".csv"):
        return _read_csv(handle)
    raise ValidationError(_("The file must be a CSV or an Excel (.xlsx) file"))


def _read_csv(handle: IO[bytes]) -> tuple[list[str], list[dict[str, str | None]]]:
    try:
        text = handle.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(_("The file is not UTF-8 text: save it as ‘CSV UTF-8’")) from None
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        header = [h.strip() for h in reader.fieldnames or []]
        reader.fieldnames = header
        rows: list[dict[str, str | None]] = list(reader)
    except csv.Error as error:
        raise ValidationError(
            _("The file is not a readable CSV file: %(error)s") % {"error": error}
        ) from None
    return header, rows


def _read_xlsx(handle: IO[bytes]) -> tuple[list[str], list[dict[str, str | None]]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(handle, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many types for a file that is not a workbook
        raise ValidationError(_("The file is not a readable Excel (.xlsx) workbook")) from None
    sheet = book.worksheets[0]
    lines = sheet.iter_rows(values_only=True)
    first = next(lines, None)
    header = [str(cell).strip() if cell is not None else "" for cell in (first or [])]
    rows: list[dict[str, str | None]] = []
    for line in lines:
        if line is None or all(cell is None for cell in line):
            continue
        row: dict[Any, Any] = {}
        for index, cell in enumerate(line):
            if index < len(header):
                row[header[index]] = _cell_text(cell)
            elif cell is not None:
                row.setdefault(None, []).append(_cell_text(cell))
        rows.append(row)
    book.close()
    return header, rows


def _cell_text(cell: object) -> str:
    from datetime import date, datetime

    if cell is None:
        return ""
    if isinstance(cell, datetime):
        return cell.date().isoformat()
    if isinstance(cell, date):
        return cell.isoformat()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)


def check_upload(
    user: User, inspection: Inspection, name: str, handle: IO[bytes]
) -> CaseloadImport:
    """Check an upload and keep it, with every problem found, for the person to confirm."""
    require(is_lead(inspection, user))
    header, rows = read_table(name, handle)
    problems: list[dict[str, Any]] = []
    try:
        if not header:
            raise CaseloadInvalid([CaseloadError(_("the file is empty: it needs a header row"))])
        parse_caseload(rows, header=header)
        existing = set(
            Case.objects.filter(inspection=inspection).values_list("case_ref", flat=True)
        )
        for number, row in enumerate(rows, start=2):
            if (row.get("case_ref") or "").strip() in existing:
                problems.append(
                    {
                        "row": number,
                        "column": "case_ref",
                        "message": _("this case is already in the caseload"),
                    }
                )
    except CaseloadInvalid as error:
        problems = [
            {"row": p.row, "column": p.column, "message": p.message}
            for p in error.problems[:MAX_PROBLEMS_KEPT]
        ]
    kept_columns = [c for c in header if c]
    upload = CaseloadImport.objects.create(
        inspection=inspection,
        uploaded_by=user,
        file_name=name[:255],
        state=CaseloadImport.State.REFUSED if problems else CaseloadImport.State.CHECKED,
        rows=[] if problems else [{c: (row.get(c) or "") for c in kept_columns} for row in rows],
        problems=problems,
        rows_total=len(rows),
    )
    record(
        user,
        "caseload.checked",
        upload,
        inspection_id=inspection.pk,
        file=name,
        rows=len(rows),
        problems=len(problems),
    )
    return upload


def confirm_import(user: User, upload: CaseloadImport) -> None:
    """Import a checked upload: all its rows or, if anything fails, none."""
    require(is_lead(upload.inspection, user))
    updated = CaseloadImport.objects.filter(
        pk=upload.pk, state=CaseloadImport.State.CHECKED
    ).update(state=CaseloadImport.State.IMPORTING)
    if not updated:
        raise ValidationError(_("This file has already been imported or cannot be imported"))
    record(
        user,
        "caseload.import_started",
        upload,
        inspection_id=upload.inspection_id,
        rows=upload.rows_total,
    )
    if upload.rows_total > BACKGROUND_ROWS:
        run_in_background(run_import, upload.pk)
    else:
        run_import(upload.pk)


def progress_key(upload_id: int) -> str:
    return f"caseload-import-{upload_id}-rows-done"


def rows_done(upload: CaseloadImport) -> int:
    if upload.state == CaseloadImport.State.IMPORTING:
        return int(cache.get(progress_key(upload.pk), 0))
    return upload.rows_done


def run_import(upload_id: int) -> None:
    upload = CaseloadImport.objects.get(pk=upload_id)
    header = list(upload.rows[0]) if upload.rows else list(REQUIRED_COLUMNS)
    try:
        with transaction.atomic():
            cases = parse_caseload(upload.rows, header=header)
            for start in range(0, len(cases), BATCH):
                Case.objects.bulk_create(
                    _models(upload.inspection_id, cases[start : start + BATCH])
                )
                # Progress goes to the cache, not the database: the import's transaction hides
                # its own writes from other requests until it commits (all-or-nothing).
                cache.set(progress_key(upload_id), min(start + BATCH, len(cases)), 3600)
            CaseloadImport.objects.filter(pk=upload_id).update(
                state=CaseloadImport.State.DONE, rows=[], rows_done=len(cases)
            )
    except Exception as error:
        CaseloadImport.objects.filter(pk=upload_id).update(
            state=CaseloadImport.State.FAILED,
            rows_done=0,
            problems=[{"row": None, "column": "", "message": str(error)}],
        )
        raise
    record(
        upload.uploaded_by,
        "caseload.imported",
        upload,
        inspection_id=upload.inspection_id,
        rows=len(cases),
    )


def _models(inspection_id: int, cases: Iterable[Any]) -> list[Case]:
    return [
        Case(
            inspection_id=inspection_id,
            case_ref=c.case_ref,
            disposal=c.disposal,
            disposal_type=c.disposal_type,
            start_date=c.start_date,
            sex=c.sex,
            age=c.age,
            ethnicity=c.ethnicity,
            rosh=c.rosh,
            safety_wellbeing=c.safety_wellbeing,
            extra=dict(c.extra),
        )
        for c in cases
    ]
