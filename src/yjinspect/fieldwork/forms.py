"""Forms for evidence and consent."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from yjinspect.engine import Standard
from yjinspect.forms import GovukDateField

from .models import Consent, Source

# The choice for evidence about a standard rather than one of its key questions (a standard
# may have none, like a joint inspection's governance area).
WHOLE_STANDARD = "standard"


class EvidenceForm(forms.Form):
    key_question_id = forms.ChoiceField(
        label=_("What it is evidence for"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the key question the evidence is for")},
    )
    source = forms.ChoiceField(
        label=_("Source"),
        choices=Source.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose where the evidence comes from")},
    )
    consent = forms.ModelChoiceField(
        label=_("Consent (for a child's or parent's view)"),
        queryset=Consent.objects.none(),
        required=False,
        empty_label=_("No consent needed"),
    )
    summary = forms.CharField(
        label=_("What the evidence shows"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=10_000,
        error_messages={"required": _("Enter what the evidence shows")},
    )

    def __init__(
        self, *args: Any, standard: Standard, language: str, consents: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["key_question_id"].choices = [  # type: ignore[attr-defined]
            *((kq.id, f"{kq.id} {kq.text.get(language)}") for kq in standard.key_questions),
            (WHOLE_STANDARD, _("The standard as a whole")),
        ]
        if not standard.key_questions:
            self.fields["key_question_id"].initial = WHOLE_STANDARD
        self.fields["consent"].queryset = consents  # type: ignore[attr-defined]

    def clean_key_question_id(self) -> str:
        chosen: str = self.cleaned_data["key_question_id"]
        return "" if chosen == WHOLE_STANDARD else chosen


class ConsentForm(forms.Form):
    reference = forms.CharField(
        label=_("Reference"),
        max_length=40,
        help_text=_("The consent form's code, such as C-003 or P-002. Never a name or a date."),
        error_messages={"required": _("Enter the consent form's code, such as C-003")},
    )
    person = forms.ChoiceField(
        label=_("Whose consent"),
        choices=Consent.Person.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether this is a child or a parent or carer")},
    )
    given_on = GovukDateField(
        label=_("Consent given on"),
        error_messages={"required": _("Enter the date consent was given")},
    )
