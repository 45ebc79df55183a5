"""The offline assessment workbook: an assessor's allocated cases as an Excel file to fill in
where there is no connection, then brought back.

Exported: one sheet per case (and kind of assessment), the applicable key questions with their
prompts, drop-down lists for the answers, a cell for the evidence, and for each standard whether
the case manager was present and whether to submit it. A very hidden sheet keeps what was
exported (each assessment's version and answers, and where each cell is) with an HMAC of it
under the product's secret key, so a workbook that was edited in structure, forged, or made
for another inspection or person is refused.

Brought back: checked in full and previewed (every change, old and new), then applied all or
nothing. An answer changed online since the export is a conflict: shown, never overwritten.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import json
from dataclasses import dataclass, field
from typing import IO, Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from yjinspect.audit.services import record
from yjinspect.inspections.models import Inspection

from . import assessment as assessing
from .models import CaseAssessment, SampledCase, WorkbookImport
from .sampling import current_sample

META_SHEET = "_yjinspect"
ANSWER_COLUMN, EVIDENCE_COLUMN = "D", "E"
# The words a person picks, in either language, and the answer each means.
ANSWER_WORDS = {
    "yes": ("Yes", "Ie"),
    "no": ("No", "Na"),
    "na": ("Not applicable", "Amherthnasol"),
}
YES_NO = {True: ("Yes", "Ie"), False: ("No", "Na")}


class WorkbookRefused(ValidationError):
    """The workbook cannot be used at all (forged, edited in structure, another's)."""


def _sign(payload: str) -> str:
    key = hashlib.sha256(("yjinspect-workbook|" + settings.SECRET_KEY).encode()).digest()
    return hmac.new(key, payload.encode(), hashlib.sha256).hexdigest()


def allocated(user: User, inspection: Inspection) -> list[tuple[SampledCase, str]]:
    """The person's cases: (sampled case, "first" or "second")."""
    mine = current_sample(inspection).filter(Q(assessor=user) | Q(second_assessor=user))
    found = []
    for sampled in mine:
        if sampled.assessor_id == user.pk:
            found.append((sampled, CaseAssessment.Kind.FIRST.value))
        if sampled.second_assessor_id == user.pk and sampled.for_moderation:
            found.append((sampled, CaseAssessment.Kind.SECOND.value))
    return found


def export(user: User, inspection: Inspection, language: str) -> bytes:
    """The person's allocated cases as a workbook, in their language."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.datavalidation import DataValidation

    cases = allocated(user, inspection)
    if not cases:
        raise ValidationError(_("No case is allocated to you in this inspection"))
    welsh = language == "cy"
    pick = 1 if welsh else 0
    answers_list = ",".join(words[pick] for words in ANSWER_WORDS.values())
    yes_no_list = ",".join(words[pick] for words in YES_NO.values())
    existing = {
        (a.sampled_case_id, a.standard_id, a.kind): a
        for a in CaseAssessment.objects.filter(
            sampled_case__in=[s for s, _kind in cases]
        ).prefetch_related("answers")
    }
    book = Workbook()
    about = book.active
    assert about is not None
    about.title = _("About")
    lines = [
        _("Offline assessment workbook"),
        f"{inspection.service.name} ({inspection.framework.title.get(language)})",
        _("For %(person)s, made %(when)s")
        % {"person": user.get_username(), "when": timezone.localtime().strftime("%d/%m/%Y %H:%M")},
        _(
            "Fill in the answers (column D, from the list), the evidence (column E), whether the "
            "case manager was present and whether to submit each standard. Do not add, remove or "
            "move rows or sheets: the workbook is checked when you bring it back."
        ),
    ]
    for number, line in enumerate(lines, start=1):
        about.cell(row=number, column=1, value=line)
    about["A1"].font = Font(bold=True, size=14)
    entries: list[dict[str, Any]] = []
    names: set[str] = set()
    for sampled, kind in cases:
        name = _sheet_name(sampled.case.case_ref, kind, names)
        sheet = book.create_sheet(name)
        answer_rule = DataValidation(type="list", formula1=f'"{answers_list}"', allow_blank=True)
        yes_no_rule = DataValidation(type="list", formula1=f'"{yes_no_list}"', allow_blank=True)
        sheet.add_data_validation(answer_rule)
        sheet.add_data_validation(yes_no_rule)
        sheet["A1"] = _("Case %(ref)s") % {"ref": sampled.case.case_ref}
        sheet["A1"].font = Font(bold=True, size=14)
        sheet["A2"] = _("Second assessment (moderation)") if kind == "second" else _("Assessment")
        for column, title in zip(
            "ABCDE",
            (_("Key question"), _("Question"), _("Prompts"), _("Answer"), _("Evidence")),
            strict=True,
        ):
            sheet[f"{column}3"] = title
            sheet[f"{column}3"].font = Font(bold=True)
        row = 4
        for standard in assessing.applicable_standards(inspection, sampled):
            held = existing.get((sampled.pk, standard.id, kind))
            given = {a.key_question_id: a for a in held.answers.all()} if held else {}
            sheet[f"A{row}"] = standard.id
            sheet[f"B{row}"] = standard.title.get(language)
            sheet[f"A{row}"].font = sheet[f"B{row}"].font = Font(bold=True)
            row += 1
            rows: dict[str, int] = {}
            for kq in standard.key_questions:
                sheet[f"A{row}"] = kq.id
                sheet[f"B{row}"] = kq.text.get(language)
                sheet[f"C{row}"] = "\n".join("• " + p.text.get(language) for p in kq.prompts)
                if kq.id in given:
                    sheet[f"{ANSWER_COLUMN}{row}"] = ANSWER_WORDS[given[kq.id].value][pick]
                    _text(sheet, f"{EVIDENCE_COLUMN}{row}", given[kq.id].evidence)
                answer_rule.add(f"{ANSWER_COLUMN}{row}")
                for column in "BCE":
                    sheet[f"{column}{row}"].alignment = Alignment(wrap_text=True, vertical="top")
                rows[kq.id] = row
                row += 1
            sheet[f"A{row}"] = "present"
            sheet[f"B{row}"] = _("Was the case manager present?")
            if held is not None and held.case_manager_present is not None:
                sheet[f"{ANSWER_COLUMN}{row}"] = YES_NO[held.case_manager_present][pick]
            yes_no_rule.add(f"{ANSWER_COLUMN}{row}")
            present_row = row
            row += 1
            sheet[f"A{row}"] = "submit"
            sheet[f"B{row}"] = _("Submit this standard? (every question answered)")
            sheet[f"{ANSWER_COLUMN}{row}"] = YES_NO[False][pick]
            yes_no_rule.add(f"{ANSWER_COLUMN}{row}")
            entries.append(
                {
                    "sheet": name,
                    "sampled": sampled.pk,
                    "kind": kind,
                    "standard": standard.id,
                    "version": held.version if held else 0,
                    "rows": rows,
                    "present_row": present_row,
                    "submit_row": row,
                    "answers": {k: a.value for k, a in given.items()},
                    "evidence": {k: a.evidence for k, a in given.items()},
                    "present": held.case_manager_present if held else None,
                }
            )
            row += 2
        for column, width in zip("ABCDE", (10, 60, 60, 16, 60), strict=True):
            sheet.column_dimensions[column].width = width
    payload = json.dumps(
        {
            "inspection": inspection.pk,
            "user": user.pk,
            "exported_at": timezone.now().isoformat(),
            "entries": entries,
        },
        sort_keys=True,
    )
    meta = book.create_sheet(META_SHEET)
    meta["A1"] = payload
    meta["A2"] = _sign(payload)
    meta.sheet_state = "veryHidden"
    out = io.BytesIO()
    book.save(out)
    record(
        user,
        "workbook.exported",
        inspection,
        inspection_id=inspection.pk,
        assessments=len(entries),
    )
    return out.getvalue()


def _text(sheet: Any, cell: str, value: str) -> None:
    """Written as text: evidence typed as "=HYPERLINK(...)" stays words, never a formula."""
    sheet[cell] = value
    sheet[cell].data_type = "s"  # after the value: openpyxl guesses "f" from a leading =


def _sheet_name(case_ref: str, kind: str, taken: set[str]) -> str:
    base = "".join(c for c in case_ref if c not in "[]:*?/\\")[:25] or "case"
    name = base + (" (2)" if kind == "second" else "")
    number = 2
    while name in taken:
        name, number = f"{base[:22]}~{number}", number + 1
    taken.add(name)
    return name


@dataclass
class Change:
    sheet: str
    case_ref: str
    standard: str
    kind: str
    what: str  # a key question id, "present" or "submit"
    before: str
    after: str


@dataclass
class Checked:
    """A brought-back workbook: what it changes, what conflicts, what is wrong with it."""

    changes: list[Change] = field(default_factory=list)
    conflicts: list[Change] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    # What to save: (entry, answers by key question, present, submit) for each changed entry.
    to_save: list[tuple[dict[str, Any], dict[str, assessing.AnswerInput], bool | None, bool]] = (
        field(default_factory=list)
    )


def _word(value: object) -> str:
    return "" if value is None else str(value).strip()


def _answer(text: str) -> str | None:
    folded = text.casefold()
    return next(
        (code for code, words in ANSWER_WORDS.items() if folded in (w.casefold() for w in words)),
        None,
    )


def _yes_no(text: str) -> bool | None:
    folded = text.casefold()
    return next(
        (value for value, words in YES_NO.items() if folded in (w.casefold() for w in words)),
        None,
    )


def check(user: User, inspection: Inspection, handle: IO[bytes]) -> Checked:
    """Everything the workbook would change, without changing anything. Refused outright
    (WorkbookRefused) when it is not this person's workbook of this inspection as exported."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(handle, data_only=True)
    except Exception:  # openpyxl raises many types for a file that is not a workbook
        raise WorkbookRefused(_("The file is not a readable Excel (.xlsx) workbook")) from None
    if META_SHEET not in book.sheetnames:
        raise WorkbookRefused(
            _(
                "This is not an offline assessment workbook from yjinspect "
                "(or its hidden sheet was removed)"
            )
        )
    payload, signature = _word(book[META_SHEET]["A1"].value), _word(book[META_SHEET]["A2"].value)
    if not hmac.compare_digest(_sign(payload), signature):
        raise WorkbookRefused(
            _("The workbook's signature does not match: it was altered outside its answer cells")
        )
    meta = json.loads(payload)
    if meta["inspection"] != inspection.pk:
        raise WorkbookRefused(_("This workbook was made for another inspection"))
    if meta["user"] != user.pk:
        raise WorkbookRefused(
            _("This workbook was made for someone else: only its assessor brings it back")
        )
    sampled_by_id = {
        s.pk: s for s in SampledCase.objects.filter(inspection=inspection).select_related("case")
    }
    held = {
        (a.sampled_case_id, a.standard_id, a.kind): a
        for a in CaseAssessment.objects.filter(
            sampled_case__inspection=inspection
        ).prefetch_related("answers")
    }
    result = Checked()
    for entry in meta["entries"]:
        _check_entry(book, entry, sampled_by_id, held, result)
    return result


def _check_entry(
    book: Any,
    entry: dict[str, Any],
    sampled_by_id: dict[int, SampledCase],
    held: dict[tuple[int, str, str], CaseAssessment],
    result: Checked,
) -> None:
    name = entry["sheet"]
    if name not in book.sheetnames:
        raise WorkbookRefused(_("The sheet %(sheet)s is missing") % {"sheet": name})
    sheet = book[name]
    sampled = sampled_by_id.get(entry["sampled"])
    if sampled is None:
        raise WorkbookRefused(_("A case in the workbook is no longer in this inspection"))
    # The layout as exported: each key question's id where it was, and the two labelled rows.
    expected = {**{kq: row for kq, row in entry["rows"].items()}, "present": entry["present_row"]}
    expected["submit"] = entry["submit_row"]
    for label, row in expected.items():
        found = _word(sheet[f"A{row}"].value)
        if found != label:
            raise WorkbookRefused(
                _(
                    "Sheet %(sheet)s, cell A%(row)s should say %(label)s: rows were added, "
                    "removed or moved"
                )
                % {"sheet": name, "row": row, "label": label}
            )
    answers: dict[str, assessing.AnswerInput] = {}
    changes: list[Change] = []

    def change(what: str, before: str, after: str) -> None:
        changes.append(
            Change(
                name, sampled.case.case_ref, entry["standard"], entry["kind"], what, before, after
            )
        )

    for kq, row in entry["rows"].items():
        text = _word(sheet[f"{ANSWER_COLUMN}{row}"].value)
        value = _answer(text) if text else ""
        if value is None:
            result.problems.append(
                _(
                    "Sheet %(sheet)s, cell %(cell)s: “%(text)s” is not one of Yes, No, "
                    "Not applicable"
                )
                % {"sheet": name, "cell": f"{ANSWER_COLUMN}{row}", "text": text[:40]}
            )
            continue
        evidence = _word(sheet[f"{EVIDENCE_COLUMN}{row}"].value)
        answers[kq] = assessing.AnswerInput(value, evidence)
        if value != entry["answers"].get(kq, "") or evidence != entry["evidence"].get(kq, ""):
            change(kq, entry["answers"].get(kq, ""), value)
    present_text = _word(sheet[f"{ANSWER_COLUMN}{entry['present_row']}"].value)
    submit_text = _word(sheet[f"{ANSWER_COLUMN}{entry['submit_row']}"].value)
    present, submit = (_yes_no(t) if t else None for t in (present_text, submit_text))
    for text, meant, row in (
        (present_text, present, entry["present_row"]),
        (submit_text, submit, entry["submit_row"]),
    ):
        if text and meant is None:
            result.problems.append(
                _("Sheet %(sheet)s, cell %(cell)s: “%(text)s” is not Yes or No")
                % {"sheet": name, "cell": f"{ANSWER_COLUMN}{row}", "text": text[:40]}
            )
    if present != entry["present"] and present is not None:
        change("present", str(entry["present"] or ""), str(present))
    if submit:
        change("submit", "", "submit")
    if not changes:
        return
    now = held.get((sampled.pk, entry["standard"], entry["kind"]))
    if (now.version if now else 0) != entry["version"]:
        # Saved online since the export: never overwritten; shown for the person to settle.
        online = {a.key_question_id: a.value for a in now.answers.all()} if now else {}
        for item in changes:
            item.before = online.get(item.what, item.before)
        result.conflicts += changes
        return
    result.changes += changes
    result.to_save.append((entry, answers, present, bool(submit)))


def upload(user: User, inspection: Inspection, name: str, handle: IO[bytes]) -> WorkbookImport:
    """Check a brought-back workbook and keep it, with its preview, for the person to apply."""
    content = handle.read()
    changes: list[dict[str, Any]] = []
    conflicts: list[dict[str, Any]] = []
    try:
        checked = check(user, inspection, io.BytesIO(content))
    except WorkbookRefused as refused:
        problems = list(refused.messages)
    except (KeyError, TypeError, ValueError):
        problems = [_("The workbook's hidden sheet is damaged")]
    else:
        problems = checked.problems
        changes = [c.__dict__ for c in checked.changes]
        conflicts = [c.__dict__ for c in checked.conflicts]
    made = WorkbookImport.objects.create(
        inspection=inspection,
        uploaded_by=user,
        file_name=name[:255],
        content=content if not problems else b"",
        state=WorkbookImport.State.REFUSED if problems else WorkbookImport.State.CHECKED,
        problems=problems,
        changes=changes,
        conflicts=conflicts,
    )
    record(
        user,
        "workbook.checked",
        made,
        inspection_id=inspection.pk,
        changes=len(changes),
        conflicts=len(conflicts),
        problems=len(problems),
    )
    return made


@transaction.atomic
def apply(user: User, brought: WorkbookImport) -> int:
    """Save every change of a checked workbook, or none: if anything was saved online since
    the preview, nothing is, and the person is told to bring the workbook back again."""
    brought = WorkbookImport.objects.select_for_update().get(pk=brought.pk)
    if brought.uploaded_by_id != user.pk:
        raise ValidationError(_("Only the person who brought the workbook back applies it"))
    if brought.state != WorkbookImport.State.CHECKED:
        raise ValidationError(_("This workbook has been applied already or cannot be applied"))
    inspection = brought.inspection
    checked = check(user, inspection, io.BytesIO(bytes(brought.content)))
    if checked.problems or [c.__dict__ for c in checked.changes] != brought.changes:
        raise ValidationError(
            _("Answers were saved online since the preview: bring the workbook back again")
        )
    sampled_by_id = {
        s.pk: s for s in SampledCase.objects.filter(inspection=inspection).select_related("case")
    }
    for entry, answers, present, submit in checked.to_save:
        standard = inspection.framework.standard(entry["standard"])
        try:
            assessing.save(
                user,
                sampled_by_id[entry["sampled"]],
                standard,
                kind=entry["kind"],
                version=entry["version"],
                answers=answers,
                case_manager_present=present,
                submit=submit,
            )
        except ValidationError as error:
            raise ValidationError(
                _("Sheet %(sheet)s, %(standard)s: %(problem)s")
                % {
                    "sheet": entry["sheet"],
                    "standard": entry["standard"],
                    "problem": " ".join(error.messages),
                }
            ) from None
    brought.state = WorkbookImport.State.APPLIED
    brought.content = b""  # the answers are in the assessments now
    brought.save(update_fields=["state", "content"])
    record(
        user, "workbook.applied", brought, inspection_id=inspection.pk, saved=len(checked.to_save)
    )
    return len(checked.to_save)
