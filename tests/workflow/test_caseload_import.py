"""Caseload upload: checked, previewed, imported all-or-nothing; every bad row named."""

from __future__ import annotations

import io
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from yjinspect.cases.models import Case, CaseloadImport
from yjinspect.synthetic import caseload_rows


def upload(client, inspection, file):
    return client.post(f"/inspections/{inspection.pk}/caseload/", {"file": file}, follow=True)


def test_a_good_file_is_previewed_then_imported_on_confirmation(
    as_user, alice, inspection, caseload_file
):
    client = as_user(alice)
    page = upload(client, inspection, caseload_file(120)).content.decode()
    assert "120 rows checked with no problems." in page
    assert "care_status" in page  # optional columns are kept and shown
    assert Case.objects.count() == 0  # nothing until confirmed
    checked = CaseloadImport.objects.get()
    done = client.post(f"/inspections/{inspection.pk}/caseload/{checked.pk}/", follow=True)
    assert "Caseload imported" in done.content.decode()
    assert Case.objects.filter(inspection=inspection).count() == 120
    assert Case.objects.exclude(extra={}).count() == 120


def test_every_bad_row_is_listed_and_nothing_is_imported(as_user, alice, inspection, caseload_file):
    rows = caseload_file(6).read().decode().splitlines()
    rows[2] = rows[2].replace(",low,", ",extreme,", 1)
    rows[5] = ",".join(["", *rows[5].split(",")[1:]])
    page = upload(as_user(alice), inspection, caseload_file(text="\n".join(rows))).content.decode()
    assert "The file cannot be imported" in page
    assert "Row 3, column rosh" in page or "Row 3, column safety_wellbeing" in page
    assert "Row 6, column case_ref: is empty" in page
    assert Case.objects.count() == 0
    assert CaseloadImport.objects.get().state == "refused"


def test_a_case_already_imported_is_refused_by_row(as_user, alice, inspection, caseload_file):
    client = as_user(alice)
    upload(client, inspection, caseload_file(5))
    client.post(f"/inspections/{inspection.pk}/caseload/{CaseloadImport.objects.get().pk}/")
    page = upload(client, inspection, caseload_file(5)).content.decode()
    assert "Row 2, column case_ref: this case is already in the caseload" in page
    assert Case.objects.count() == 5


def test_an_excel_workbook_is_read_like_a_csv(as_user, alice, inspection):
    book = Workbook()
    sheet = book.active
    rows = caseload_rows(8, fieldwork=date(2024, 5, 13))
    sheet.append(list(rows[0]))
    for row in rows:
        values = list(row.values())
        values[3] = date.fromisoformat(values[3])  # a real date cell, as spreadsheets store it
        values[5] = int(values[5])
        sheet.append(values)
    data = io.BytesIO()
    book.save(data)
    file = SimpleUploadedFile("caseload.xlsx", data.getvalue())
    page = upload(as_user(alice), inspection, file).content.decode()
    assert "8 rows checked with no problems." in page


def test_a_file_that_is_neither_csv_nor_excel_is_refused(as_user, alice, inspection):
    file = SimpleUploadedFile("caseload.pdf", b"%PDF-1.4")
    page = upload(as_user(alice), inspection, file).content.decode()
    assert "The file must be a CSV or an Excel (.xlsx) file" in page
    assert CaseloadImport.objects.count() == 0


def test_a_large_file_imports_in_the_background_with_progress(
    as_user, alice, inspection, caseload_file, settings
):
    client = as_user(alice)
    upload(client, inspection, caseload_file(2500))
    checked = CaseloadImport.objects.get()
    page = client.post(f"/inspections/{inspection.pk}/caseload/{checked.pk}/", follow=True)
    # Jobs run inline in tests, so by the redirect it is done; the job path is the same.
    assert "Caseload imported" in page.content.decode()
    assert Case.objects.count() == 2500


def test_only_the_lead_uploads(as_user, ian, inspection, caseload_file):
    assert upload(as_user(ian), inspection, caseload_file(3)).status_code == 403


def test_a_case_starting_after_fieldwork_is_refused_by_row(as_user, alice, inspection):
    from yjinspect.synthetic import caseload_csv

    rows = caseload_csv(5, fieldwork=date(2024, 5, 13), seed=3).splitlines()
    header, first, *rest = rows
    cells = first.split(",")
    cells[header.split(",").index("start_date")] = "2099-01-01"
    body = "\n".join([header, ",".join(cells), *rest]) + "\n"
    upload = SimpleUploadedFile("caseload.csv", body.encode(), content_type="text/csv")
    page = (
        as_user(alice)
        .post(f"/inspections/{inspection.pk}/caseload/", {"file": upload}, follow=True)
        .content.decode()
    )
    assert "Row 2, column start_date: the start date 01/01/2099 is after fieldwork ends" in page
    assert not Case.objects.exists()
