"""Benchmark: import a 50,000-row caseload CSV through the product's own path (read, check
every row, keep for confirmation, import all-or-nothing) against a raw executemany of the
same rows into the same table, measured in the same run on the same database.

Target: ratio <= 3.
"""

from __future__ import annotations

import io
import json
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import _django

ROWS = 50_000
TARGET = 3.0


def main() -> int:
    _django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction

    from yjinspect.accounts.models import Profile
    from yjinspect.cases import caseload
    from yjinspect.cases.models import Case, CaseloadImport
    from yjinspect.inspections.models import Inspection
    from yjinspect.services.models import YouthJusticeService
    from yjinspect.synthetic import caseload_csv, caseload_rows

    fieldwork = date(2024, 5, 13)
    text = caseload_csv(ROWS, fieldwork=fieldwork, seed=3)
    rows = caseload_rows(ROWS, fieldwork=fieldwork, seed=3)
    lead = get_user_model().objects.create_user("bench-lead")
    Profile.objects.create(user=lead, role="inspectorate_admin")
    service = YouthJusticeService.objects.create(
        name="Bench", nation="wales", local_authorities="B"
    )

    def new_inspection() -> Inspection:
        return Inspection.objects.create(
            service=service,
            framework_id="hmip-yjs-2018",
            fieldwork_start=fieldwork,
            fieldwork_end=fieldwork,
            created_by=lead,
        )

    # Baseline: the same rows, already in memory, straight into the table.
    table = Case._meta.db_table
    columns = [
        "inspection_id",
        "case_ref",
        "disposal",
        "disposal_type",
        "start_date",
        "sex",
        "age",
        "ethnicity",
        "rosh",
        "safety_wellbeing",
        "extra",
    ]
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))})"
    baseline_inspection = new_inspection()
    values = [
        (
            baseline_inspection.pk,
            r["case_ref"],
            r["disposal"],
            r["disposal_type"],
            r["start_date"],
            r["sex"],
            int(r["age"]),
            r["ethnicity"],
            r["rosh"],
            r["safety_wellbeing"],
            json.dumps({"care_status": r["care_status"]}),
        )
        for r in rows
    ]
    start = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(sql, values)
    baseline = time.perf_counter() - start

    product_inspection = new_inspection()
    start = time.perf_counter()
    checked = caseload.check_upload(
        lead, product_inspection, "caseload.csv", io.BytesIO(text.encode())
    )
    assert checked.state == CaseloadImport.State.CHECKED, checked.problems[:3]
    caseload.confirm_import(lead, checked)
    product = time.perf_counter() - start

    imported = Case.objects.filter(inspection=product_inspection).count()
    assert imported == ROWS, imported
    ratio = product / baseline
    print(f"database: {connection.vendor}; rows: {ROWS:,}")
    print(f"raw executemany (baseline): {baseline:.3f} s")
    print(f"upload, check and import:   {product:.3f} s")
    print(f"RESULT name=import value={ratio:.2f} unit=ratio target={TARGET}")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
