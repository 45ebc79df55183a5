"""Caseload import: read a CSV or XLSX upload, check every row with the engine and stage the
checked rows, show a preview, then import all-or-nothing on confirmation (large files in the
background, the page refreshing itself until done)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from datetime import datetime
from typing import IO, Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils.translation import gettext as _
from django_tasks import task

from yjinspect.audit.services import record
from yjinspect.engine import CaseloadError, CaseloadInvalid
from yjinspect.engine.caseload import (
    REQUIRED_COLUMNS,
    CaseRecord,
    group_problems,
    parse_caseload_table,
)
from yjinspect.engine.mapping import ColumnMapping
from yjinspect.inspections.lifecycle import Operation
from yjinspect.inspections.lifecycle import check as check_stage
from yjinspect.inspections.models import Inspection
from yjinspect.inspections.permissions import require
from yjinspect.jobs.queue import heartbeat, reap, reaper, step_pause

from .models import Case, CaseloadImport, StagedCase

# Above this many rows the import runs in the background while the page refreshes itself.
BACKGROUND_ROWS = 2_000
BATCH = 2_000
MAX_PROBLEMS_KEPT = 500


Table = tuple[list[str], list[list[str]]]  # the header, then each row's cells


def read_table(name: str, handle: IO[bytes]) -> Table:
    """The header and rows of an uploaded CSV or XLSX file, as text cells."""
    lower = name.lower()
    if lower.endswith(".xlsx"):
        return _read_xlsx(handle)
    if lower.endswith(".csv"):
        return _read_csv(handle)
    raise ValidationError(_("The file must be a CSV or an Excel (.xlsx) file"))


def _read_csv(handle: IO[bytes]) -> Table:
    try:
        text = handle.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(_("The file is not UTF-8 text: save it as ‘CSV UTF-8’")) from None
    try:
        lines = csv.reader(io.StringIO(text, newline=""))
        header = [h.strip() for h in next(lines, [])]
        rows = [cells for cells in lines if cells]
    except csv.Error as error:
        raise ValidationError(
            _("The file is not a readable CSV file: %(error)s") % {"error": error}
        ) from None
    return header, rows


def _read_xlsx(handle: IO[bytes]) -> Table:
    from openpyxl import load_workbook

    try:
        book = load_workbook(handle, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many types for a file that is not a workbook
        raise ValidationError(_("The file is not a readable Excel (.xlsx) workbook")) from None
    lines = book.worksheets[0].iter_rows(values_only=True)
    header = [_cell_text(cell).strip() for cell in next(lines, None) or []]
    rows = [
        [_cell_text(cell) for cell in line]
        for line in lines
        if line is not None and any(cell is not None for cell in line)
    ]
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
    user: User,
    inspection: Inspection,
    name: str,
    handle: IO[bytes],
    mapping: ColumnMapping | None = None,
) -> CaseloadImport:
    """Check an upload and keep it, with every problem found, for the person to confirm.
    With a column profile, the file's headings and codes are read as the profile says."""
    require(user, "caseload.import", inspection)
    check_stage(inspection, Operation.IMPORT_CASELOAD)
    header, rows = read_table(name, handle)
    if mapping is not None:
        header, rows = mapping.apply(header, rows)
    found: list[CaseloadError] = []
    cases: list[CaseRecord] = []
    try:
        if not header:
            raise CaseloadInvalid([CaseloadError(_("the file is empty: it needs a header row"))])
        cases = parse_caseload_table(
            header, rows, optional_columns=inspection.framework.optional_columns
        )
        existing = set(
            Case.objects.filter(inspection=inspection).values_list("case_ref", flat=True)
        )
        for number, case in enumerate(cases, start=2):
            if case.start_date > inspection.fieldwork_end:
                found.append(
                    CaseloadError(
                        _("the start date is after fieldwork ends (%(end)s)")
                        % {"end": f"{inspection.fieldwork_end:%d/%m/%Y}"},
                        row=number,
                        column="start_date",
                    )
                )
            if case.case_ref in existing:
                found.append(
                    CaseloadError(
                        _("this case is already in the caseload"), row=number, column="case_ref"
                    )
                )
    except CaseloadInvalid as error:
        found = list(error.problems)
    # One line per kind of problem and column, with how many rows and the first few.
    problems = group_problems(found)[:MAX_PROBLEMS_KEPT]
    with transaction.atomic():
        upload = CaseloadImport.objects.create(
            inspection=inspection,
            uploaded_by=user,
            file_name=name[:255],
            state=CaseloadImport.State.REFUSED if problems else CaseloadImport.State.CHECKED,
            problems=problems,
            rows_total=len(rows),
        )
        if not problems:
            _stage(upload, cases)
    record(
        user,
        "caseload.checked",
        upload,
        inspection_id=inspection.pk,
        file=name,
        rows=len(rows),
        problems=len(problems),
        profile=mapping.name if mapping else None,
    )
    return upload


def confirm_import(user: User, upload: CaseloadImport) -> None:
    """Import a checked upload: all its rows or, if anything fails, none."""
    require(user, "caseload.import", upload.inspection)
    check_stage(upload.inspection, Operation.IMPORT_CASELOAD)
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
        import_in_background.enqueue(upload.pk)  # committed with the state change
    else:
        run_import(upload.pk)


# The columns a row fills, in the order given to the database.
COLUMNS = (*REQUIRED_COLUMNS, "extra")


def _insert_sql(table: str, first: str) -> str:
    names = ", ".join(connection.ops.quote_name(c) for c in (first, *COLUMNS))
    return (
        f"INSERT INTO {connection.ops.quote_name(table)} ({names}) "
        f"VALUES ({', '.join(['%s'] * (len(COLUMNS) + 1))})"
    )


def _stage(upload: CaseloadImport, cases: list[CaseRecord]) -> None:
    """Keep the checked rows in the staging table with one executemany per batch (building
    50,000 model instances for bulk_create cost most of an import's time: bench/import.py)."""
    sql = _insert_sql(StagedCase._meta.db_table, "upload_id")
    # Optional columns repeat few values (care status...): encode each distinct one once.
    encoded: dict[tuple[tuple[str, str], ...], str] = {}

    def as_json(extra: Mapping[str, str]) -> str:
        key = tuple(extra.items())
        if key not in encoded:
            encoded[key] = json.dumps(dict(extra))
        return encoded[key]

    with connection.cursor() as cursor:
        for start in range(0, len(cases), BATCH):
            cursor.executemany(
                sql,
                [
                    (
                        upload.pk,
                        c.case_ref,
                        c.disposal,
                        c.disposal_type,
                        c.start_date.isoformat(),
                        c.sex,
                        c.age,
                        c.ethnicity,
                        c.rosh,
                        c.safety_wellbeing,
                        as_json(c.extra),
                    )
                    for c in cases[start : start + BATCH]
                ],
            )


def preview(upload: CaseloadImport, count: int) -> tuple[list[str], list[list[Any]]]:
    """The column names and the first rows of a checked upload, for the person to look at."""
    staged = list(StagedCase.objects.filter(upload=upload)[:count])
    extra = list(staged[0].extra) if staged else []
    rows = [
        [*(getattr(row, c) for c in COLUMNS[:-1]), *(row.extra.get(e, "") for e in extra)]
        for row in staged
    ]
    return [*COLUMNS[:-1], *extra], rows


@task()
def import_in_background(upload_id: int) -> None:
    run_import(upload_id)


def run_import(upload_id: int) -> None:
    """Move the checked rows into the caseload in one transaction: all of them, or (on any
    failure) none. One INSERT ... SELECT: the rows never leave the database."""
    upload = CaseloadImport.objects.get(pk=upload_id)
    if upload.state != CaseloadImport.State.IMPORTING:
        return  # reaped before a worker reached it, or run already
    columns = ", ".join(connection.ops.quote_name(c) for c in COLUMNS)
    sql = (
        f"INSERT INTO {connection.ops.quote_name(Case._meta.db_table)} "
        f"({connection.ops.quote_name('inspection_id')}, {columns}) "
        f"SELECT %s, {columns} FROM {connection.ops.quote_name(StagedCase._meta.db_table)} "
        f"WHERE {connection.ops.quote_name('upload_id')} = %s ORDER BY id"
    )

    def renew(now: datetime) -> None:
        CaseloadImport.objects.filter(pk=upload_id).update(heartbeat_at=now)

    try:
        with heartbeat(renew), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [upload.inspection_id, upload.pk])
            imported = cursor.rowcount
            step_pause()  # (a stop here, mid-transaction, imports nothing)
            StagedCase.objects.filter(upload=upload).delete()
            done = CaseloadImport.objects.filter(
                pk=upload_id, state=CaseloadImport.State.IMPORTING
            ).update(state=CaseloadImport.State.DONE, rows_done=imported)
            if not done:  # reaped meanwhile and offered again: leave it to the retry
                raise RuntimeError("the import was stopped and offered again")
    except Exception as error:
        failed = CaseloadImport.objects.filter(
            pk=upload_id, state=CaseloadImport.State.IMPORTING
        ).update(
            state=CaseloadImport.State.FAILED,
            rows_done=0,
            problems=[{"row": None, "column": "", "message": str(error)}],
        )
        if failed:  # nothing can retry a failed import: its checked rows go
            StagedCase.objects.filter(upload_id=upload_id).delete()
        raise
    record(
        upload.uploaded_by,
        "caseload.imported",
        upload,
        inspection_id=upload.inspection_id,
        rows=imported,
    )


def current_state(upload: CaseloadImport) -> CaseloadImport:
    """The upload as it stands; if it says importing, abandoned imports are reaped first, so
    one whose worker died is offered again, never "importing" for ever."""
    if upload.state == CaseloadImport.State.IMPORTING and reap():
        upload.refresh_from_db()
    return upload


@reaper("caseload imports")
def _reap_imports(stale_before: datetime) -> int:
    """An import whose worker stopped renewing its lease imported nothing (one transaction):
    it goes back to checked, with the reason, for the person to import again."""
    return CaseloadImport.objects.filter(
        state=CaseloadImport.State.IMPORTING, heartbeat_at__lt=stale_before
    ).update(
        state=CaseloadImport.State.CHECKED,
        heartbeat_at=None,
        problems=[
            {
                "row": None,
                "column": "",
                "message": _(
                    "The import stopped before it finished (the server may have restarted). "
                    "Nothing was imported: import it again."
                ),
            }
        ],
    )
