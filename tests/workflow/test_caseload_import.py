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
    assert "rosh: 1 row (3): " in page or "safety_wellbeing: 1 row (3): " in page
    assert "case_ref: 1 row (6): is empty" in page
    assert Case.objects.count() == 0
    assert CaseloadImport.objects.get().state == "refused"


def test_a_case_already_imported_is_refused_by_row(as_user, alice, inspection, caseload_file):
    client = as_user(alice)
    upload(client, inspection, caseload_file(5))
    client.post(f"/inspections/{inspection.pk}/caseload/{CaseloadImport.objects.get().pk}/")
    page = upload(client, inspection, caseload_file(5)).content.decode()
    assert "case_ref: 5 rows (2, 3, 4, 5, 6): this case is already in the caseload" in page
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
    assert "start_date: 1 row (2): the start date is after fieldwork ends (17/05/2024)" in page
    assert not Case.objects.exists()


def test_the_same_mistake_in_many_rows_is_one_line_naming_the_first(
    as_user, alice, inspection, caseload_file
):
    rows = caseload_file(40).read().decode().splitlines()
    header = rows[0].split(",")
    at = header.index("sex")
    for number in range(1, 31):
        cells = rows[number].split(",")
        cells[at] = ""
        rows[number] = ",".join(cells)
    page = upload(as_user(alice), inspection, caseload_file(text="\n".join(rows))).content.decode()
    assert "sex: 30 rows (2, 3, 4, 5, 6 and 25 more): is empty" in page
    assert page.count("is empty") == 1


def test_the_template_lists_every_column_and_fills_in_as_a_caseload(as_user, alice, inspection):
    import io

    from openpyxl import load_workbook

    client = as_user(alice)
    page = client.get(f"/inspections/{inspection.pk}/caseload/").content.decode()
    assert "What each column may hold" in page and "low, medium, high, very_high" in page
    book = load_workbook(
        io.BytesIO(client.get(f"/inspections/{inspection.pk}/caseload/template.xlsx").content)
    )
    sheet = book["Caseload"]
    header = [cell.value for cell in sheet[1]]
    assert header[:3] == ["case_ref", "disposal", "disposal_type"] and "care_status" in header
    lists = {
        str(v.sqref).split(":")[0][0]: v.formula1 for v in sheet.data_validations.dataValidation
    }
    assert '"low,medium,high,very_high"' in lists.values()
    # The CSV template's example row is itself a caseload the check accepts.
    csv_template = client.get(f"/inspections/{inspection.pk}/caseload/template.csv")
    from django.core.files.uploadedfile import SimpleUploadedFile

    sent = SimpleUploadedFile("template.csv", csv_template.content, content_type="text/csv")
    from yjinspect.inspections import services as inspections

    inspections.advance_status(alice, inspection, "data_in_advance")
    checked = upload(client, inspection, sent).content.decode()
    assert "1 row checked with no problems" in checked
