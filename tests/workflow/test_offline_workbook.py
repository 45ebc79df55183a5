"""The offline assessment workbook, as an assessor uses it: downloaded from the cases page,
filled in with a spreadsheet program (openpyxl here, as a person would: picking from the lists,
typing evidence), brought back, previewed and applied all or nothing. Answers changed online
since the download are shown as conflicts and never overwritten; a workbook that was forged,
edited in structure, filled with values off the lists, or made for another inspection or
person is refused with a clear message and changes nothing."""

from __future__ import annotations

import hashlib
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from yjinspect.cases import assessment
from yjinspect.cases.models import Answer, CaseAssessment, WorkbookImport
from yjinspect.cases.workbook import META_SHEET

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def answers_fingerprint() -> str:
    rows = CaseAssessment.objects.order_by("pk").values_list("pk", "version", "state")
    answers = Answer.objects.order_by("pk").values_list("assessment_id", "key_question_id", "value")
    return hashlib.sha256(repr((list(rows), list(answers))).encode()).hexdigest()


def download(client, inspection) -> io.BytesIO:
    page = client.get(reverse("cases:workbook", args=[inspection.pk])).content.decode()
    assert reverse("cases:workbook_download", args=[inspection.pk]) in page
    response = client.get(reverse("cases:workbook_download", args=[inspection.pk]))
    assert response["Content-Type"] == XLSX
    return io.BytesIO(response.content)


def saved(book) -> SimpleUploadedFile:
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("filled.xlsx", out.getvalue(), content_type=XLSX)


def bring_back(client, inspection, book):
    response = client.post(
        reverse("cases:workbook", args=[inspection.pk]), {"workbook": saved(book)}
    )
    assert response.status_code == 302
    return WorkbookImport.objects.latest("pk"), client.get(response["Location"]).content.decode()


def fill(sheet, answer: str, evidence: str = "Seen in the record.") -> list[str]:
    """Pick an answer for every key question on a case's sheet, as a person would."""
    filled = []
    for row in range(1, sheet.max_row + 1):
        label = str(sheet[f"A{row}"].value or "")
        if label.count(".") == 2:  # a key question id, e.g. 2.1.1
            sheet[f"D{row}"] = answer
            sheet[f"E{row}"] = evidence
            filled.append(label)
        elif label == "present" or label == "submit":
            sheet[f"D{row}"] = "Yes"
    return filled


@pytest.fixture
def assessor(client, sampled, ian):
    client.force_login(ian)
    return client


def test_a_filled_workbook_comes_back_as_the_assessments(assessor, sampled, ian):
    book = load_workbook(download(assessor, sampled))
    assert META_SHEET in book.sheetnames and book[META_SHEET].sheet_state == "veryHidden"
    case_sheets = [name for name in book.sheetnames if name not in ("About", META_SHEET)]
    assert len(case_sheets) >= 2
    sheet = book[case_sheets[0]]
    assert any(
        dv.formula1 == '"Yes,No,Not applicable"' for dv in sheet.data_validations.dataValidation
    )
    filled = fill(sheet, "Yes")
    fill(book[case_sheets[1]], "No", evidence="Plan not reviewed.")
    brought, page = bring_back(assessor, sampled, book)
    assert brought.state == "checked" and "Changes to save" in page
    standards = {kq.rsplit(".", 1)[0] for kq in filled}
    # Both cases' answers, and each standard's "present" and "submit".
    assert len(brought.changes) == 2 * len(filled) + 2 * 2 * len(standards)
    assert not Answer.objects.exists()  # nothing saved by the preview
    assessor.post(reverse("cases:workbook_import", args=[sampled.pk, brought.pk]))
    mine = CaseAssessment.objects.filter(assessor=ian, state="submitted")
    assert mine.count() >= 2
    first_case = Answer.objects.filter(
        assessment__in=mine, assessment__sampled_case__case__case_ref=case_sheets[0]
    )
    stored = {a.key_question_id: a.value for a in first_case}
    assert {stored[kq] for kq in filled} == {"yes"}
    assert Answer.objects.filter(value="no", evidence="Plan not reviewed.").exists()
    brought.refresh_from_db()
    assert brought.state == "applied"


def test_an_answer_changed_online_since_the_download_is_a_conflict_never_overwritten(
    assessor, sampled, ian
):
    book = load_workbook(download(assessor, sampled))
    names = [n for n in book.sheetnames if n not in ("About", META_SHEET)]
    fill(book[names[0]], "Yes")
    fill(book[names[1]], "Yes")
    # Meanwhile, online, the first case's first standard is answered "no".
    meta = __import__("json").loads(book[META_SHEET]["A1"].value)
    first = meta["entries"][0]
    from yjinspect.cases.models import SampledCase

    sampled_case = SampledCase.objects.get(pk=first["sampled"])
    standard = sampled.framework.standard(first["standard"])
    assessment.save(
        ian,
        sampled_case,
        standard,
        kind="first",
        version=0,
        answers={kq: assessment.AnswerInput("no") for kq in standard.key_question_ids},
        case_manager_present=False,
        submit=False,
    )
    brought, page = bring_back(assessor, sampled, book)
    assert "Conflicts: not saved" in page
    assert {c["standard"] for c in brought.conflicts} == {first["standard"]}
    assessor.post(reverse("cases:workbook_import", args=[sampled.pk, brought.pk]))
    kept = CaseAssessment.objects.get(sampled_case=sampled_case, standard_id=standard.id)
    assert set(kept.answers.values_list("value", flat=True)) == {"no"}  # not overwritten
    assert kept.state == "draft"
    others = CaseAssessment.objects.exclude(pk=kept.pk).filter(state="submitted")
    assert others.exists()  # the rest of the workbook was saved


@pytest.mark.parametrize(
    "spoil, says",
    [
        ("value", "is not one of Yes, No, Not applicable"),
        ("structure", "rows were added, removed or moved"),
        ("signature", "signature does not match"),
        ("hidden", "not an offline assessment workbook"),
    ],
)
def test_a_spoiled_workbook_is_refused_and_changes_nothing(assessor, sampled, spoil, says):
    book = load_workbook(download(assessor, sampled))
    names = [n for n in book.sheetnames if n not in ("About", META_SHEET)]
    sheet = book[names[0]]
    fill(sheet, "Yes")
    if spoil == "value":
        sheet["D5"] = "Maybe"
    elif spoil == "structure":
        sheet.delete_rows(5)
    elif spoil == "signature":
        book[META_SHEET]["A1"] = book[META_SHEET]["A1"].value.replace(
            '"version": 0', '"version": 7', 1
        )
    else:
        del book[META_SHEET]
    before = answers_fingerprint()
    brought, page = bring_back(assessor, sampled, book)
    assert brought.state == "refused" and says in " ".join(brought.problems)
    assert "nothing was changed" in page and "Save these changes" not in page
    assert answers_fingerprint() == before


def test_another_inspection_s_or_person_s_workbook_is_refused(
    assessor, client, sampled, service, alice, ian, lara
):
    book = load_workbook(download(assessor, sampled))
    fill(book[next(n for n in book.sheetnames if n not in ("About", META_SHEET))], "Yes")
    client.force_login(lara)  # another assessor on the same inspection
    brought, _page = bring_back(client, sampled, book)
    assert "made for someone else" in " ".join(brought.problems)
    from datetime import date

    from yjinspect.inspections import services as inspections

    other = inspections.create_inspection(
        alice,
        service=service,
        framework_id="hmip-yjs-2018",
        fieldwork_start=date(2025, 5, 12),
        fieldwork_end=date(2025, 5, 16),
    )
    inspections.assign_team_member(alice, other, ian, "inspector")
    client.force_login(ian)
    brought, _page = bring_back(client, other, book)
    assert "made for another inspection" in " ".join(brought.problems)
    not_a_workbook = client.post(
        reverse("cases:workbook", args=[sampled.pk]),
        {"workbook": SimpleUploadedFile("x.xlsx", b"not a workbook")},
    )
    assert "not a readable Excel" in " ".join(WorkbookImport.objects.latest("pk").problems)
    assert not_a_workbook.status_code == 302 and not Answer.objects.exists()


def test_only_the_assessor_applies_their_workbook(assessor, client, sampled, lara):
    book = load_workbook(download(assessor, sampled))
    fill(book[next(n for n in book.sheetnames if n not in ("About", META_SHEET))], "Yes")
    brought, _page = bring_back(assessor, sampled, book)
    client.force_login(lara)
    url = reverse("cases:workbook_import", args=[sampled.pk, brought.pk])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert not Answer.objects.exists()


def test_evidence_that_looks_like_a_formula_goes_out_as_words(assessor, sampled, ian):
    from yjinspect.cases.workbook import allocated

    case, _kind = allocated(ian, sampled)[0]
    standard = next(iter(assessment.applicable_standards(sampled, case)))
    first = standard.key_question_ids[0]
    assessment.save(
        ian,
        case,
        standard,
        kind="first",
        version=0,
        answers={first: assessment.AnswerInput("yes", '=HYPERLINK("http://x")')},
        case_manager_present=None,
        submit=False,
    )
    book = load_workbook(download(assessor, sampled))
    sheet = book[case.case.case_ref]
    row = next(r for r in range(1, sheet.max_row + 1) if sheet[f"A{r}"].value == first)
    assert sheet[f"E{row}"].data_type == "s"
    assert sheet[f"E{row}"].value == '=HYPERLINK("http://x")'
    brought, _page = bring_back(assessor, sampled, book)
    assert brought.changes == [] and brought.state == "checked"  # it came back as it went


def test_the_command_line_exports_and_brings_back_a_workbook(tmp_path, sampled, ian, capsys):
    from yjinspect.cli.main import main

    out = tmp_path / "mine.xlsx"
    assert main(["export", "workbook", str(sampled.pk), "--as", "ian", "-o", str(out)]) == 0
    book = load_workbook(out)
    fill(book[next(n for n in book.sheetnames if n not in ("About", META_SHEET))], "Yes")
    book.save(out)
    args = ["import", "workbook", str(sampled.pk), str(out), "--as", "ian"]
    assert main(args) == 0 and not Answer.objects.exists()
    assert "nothing saved (use --apply)" in capsys.readouterr().out
    assert main([*args, "--apply"]) == 0
    assert Answer.objects.filter(value="yes").exists()
    assert main(["import", "workbook", str(sampled.pk), str(out), "--as", "lara"]) == 1
    assert "made for someone else" in capsys.readouterr().out
