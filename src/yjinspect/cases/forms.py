"""Forms for the caseload, the sample and case assessments."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from yjinspect.engine import Standard
from yjinspect.versioning import version_field

from .models import Answer, CaseAssessment


class VictimsUploadForm(forms.Form):
    """The victims list (2025): one row per victim, no one named."""

    victims_file = forms.FileField(
        label=_("Victims list"),
        help_text=_(
            "A CSV or Excel (.xlsx) file with the columns victim_ref, disposal, disposal_type, "
            "start_date and victim_type. A file with any other column (such as a name, address "
            "or date of birth) is refused."
        ),
        error_messages={"required": _("Choose the victims list to upload")},
    )

    def clean_victims_file(self) -> Any:
        upload = self.cleaned_data["victims_file"]
        if upload.size > settings.YJ_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is too large to be a victims list"))
        return upload


class CaseloadUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Caseload file"),
        help_text=_(
            "A CSV or Excel (.xlsx) file with the columns case_ref, disposal, disposal_type, "
            "start_date, sex, age, ethnicity, rosh and safety_wellbeing, and optionally "
            "care_status. A file with any other column (such as a name, date of birth or "
            "address) is refused."
        ),
        error_messages={"required": _("Choose the caseload file to upload")},
    )
    profile = forms.ChoiceField(
        label=_("Column profile"),
        error_messages={"invalid_choice": _("Choose one of the profiles offered")},
        help_text=_(
            "For a file exported from a case-management system: read its headings and codes "
            "as the profile says. Leave it at our own column names otherwise."
        ),
        required=False,
    )

    def __init__(
        self, *args: Any, profiles: list[tuple[str, str]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        offered = [("", _("Our column names")), *(profiles or [])]
        self.fields["profile"].choices = offered  # type: ignore[attr-defined]

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        limit = settings.YJ_MAX_UPLOAD_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is %(size)s MB: the largest accepted is %(limit)s MB")
                % {"size": round(upload.size / 2**20, 1), "limit": round(limit / 2**20, 1)}
            )
        return upload


class DrawSampleForm(forms.Form):
    seed = forms.IntegerField(
        label=_("Seed (optional)"),
        help_text=_(
            "Leave empty for a random seed. The seed is recorded: the same seed and "
            "caseload always give the same sample."
        ),
        required=False,
        min_value=0,
        max_value=2**62,
        error_messages={"invalid": _("The seed must be a whole number")},
    )


class ReplaceCaseForm(forms.Form):
    version = version_field()
    reason = forms.CharField(
        label=_("Why is this case being replaced?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("Enter why the case is being replaced")},
    )


YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def kq_field(kq_id: str) -> str:
    return "kq_" + kq_id.replace(".", "_")


def evidence_field(kq_id: str) -> str:
    return "evidence_" + kq_id.replace(".", "_")


class AssessmentForm(forms.Form):
    """One radio group (yes / no / not applicable) and an evidence box per key question."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    case_manager_present = forms.ChoiceField(
        label=_("Was the case manager present?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        required=False,
    )

    def __init__(
        self,
        *args: Any,
        standard: Standard,
        language: str,
        assessment: CaseAssessment | None = None,
        **kwargs: Any,
    ) -> None:
        initial: dict[str, Any] = {"version": assessment.version if assessment else 0}
        if assessment is not None:
            if assessment.case_manager_present is not None:
                initial["case_manager_present"] = "yes" if assessment.case_manager_present else "no"
            for answer in assessment.answers.all():
                initial[kq_field(answer.key_question_id)] = answer.value
                initial[evidence_field(answer.key_question_id)] = answer.evidence
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.standard = standard
        for kq in standard.key_questions:
            self.fields[kq_field(kq.id)] = forms.ChoiceField(
                label=f"{kq.id} {kq.text.get(language)}",
                choices=Answer.Value.choices,
                widget=forms.RadioSelect,
                required=False,
            )
            self.fields[evidence_field(kq.id)] = forms.CharField(
                label=_("Evidence for %(id)s") % {"id": kq.id},
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                max_length=10_000,
            )

    def answers(self) -> dict[str, tuple[str, str]]:
        return {
            kq: (
                self.cleaned_data.get(kq_field(kq)) or "",
                self.cleaned_data.get(evidence_field(kq)) or "",
            )
            for kq in self.standard.key_question_ids
        }

    def case_manager(self) -> bool | None:
        value = self.cleaned_data.get("case_manager_present")
        return {"yes": True, "no": False}.get(value or "")


class ModerationShareForm(forms.Form):
    share_percent = forms.IntegerField(
        label=_("Share of cases to second-assess (%)"),
        help_text=_("At least one case per assessor is always included."),
        min_value=1,
        max_value=100,
        error_messages={
            "required": _("Enter the share of cases, from 1 to 100"),
            "invalid": _("The share must be a whole number, from 1 to 100"),
            "min_value": _("The share must be between 1 and 100 per cent"),
            "max_value": _("The share must be between 1 and 100 per cent"),
        },
    )


class WorkbookUploadForm(forms.Form):
    workbook = forms.FileField(
        label=_("Filled-in workbook"),
        help_text=_(
            "The Excel file you downloaded here and filled in: you will see every change "
            "before it is saved."
        ),
        error_messages={"required": _("Choose the workbook to bring back")},
    )


class CaseloadProfileForm(forms.Form):
    name = forms.CharField(
        label=_("Profile name"),
        max_length=100,
        error_messages={"required": _("Name the profile")},
    )
    columns = forms.CharField(
        label=_("Their columns"),
        help_text=_("One per line: their heading = our column, e.g. Young Person ID = case_ref"),
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={"required": _("Map at least one of their columns to ours")},
    )
    codes = forms.CharField(
        label=_("Their codes (optional)"),
        help_text=_("One per line: our column: their code = our value, e.g. rosh: VH = very_high"),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
    )
