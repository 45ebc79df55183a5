"""Forms for findings, summaries and recommendations."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from yjinspect.engine import Framework, Standard
from yjinspect.versioning import version_field

from .models import Body, Finding


class FindingForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of finding"),
        choices=Finding.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose strength or area for improvement")},
    )
    text = forms.CharField(
        label=_("Finding"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=10_000,
        error_messages={"required": _("Enter the finding")},
    )
    text_cy = forms.CharField(
        label=_("Finding in Welsh (optional)"),
        widget=forms.Textarea(attrs={"rows": 4, "lang": "cy"}),
        max_length=10_000,
        required=False,
        help_text=_(
            "The Welsh report uses it; without it, the Welsh report says a translation is missing."
        ),
    )
    key_questions = forms.MultipleChoiceField(
        label=_("Key questions it rests on"), widget=forms.CheckboxSelectMultiple, required=False
    )
    evidence: forms.ModelMultipleChoiceField[Any] = forms.ModelMultipleChoiceField(
        label=_("Fieldwork evidence it rests on"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        queryset=None,
    )

    version = version_field()

    def __init__(
        self,
        *args: Any,
        standard: Standard,
        language: str,
        evidence: Any,
        editing: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if editing:  # its kind stays; the version guards against two people's changes
            del self.fields["kind"]
        else:
            del self.fields["version"]
        self.fields["key_questions"].choices = [  # type: ignore[attr-defined]
            (kq.id, f"{kq.id} {kq.text.get(language)}") for kq in standard.key_questions
        ]
        field = self.fields["evidence"]
        field.queryset = evidence  # type: ignore[attr-defined]
        field.label_from_instance = lambda e: f"{e.get_source_display()}: {e.summary[:80]}"  # type: ignore[attr-defined]


class SummaryForm(forms.Form):
    version = version_field()
    text = forms.CharField(
        label=_("Summary"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=20_000,
        error_messages={"required": _("Enter the summary")},
    )
    text_cy = forms.CharField(
        label=_("Summary in Welsh (optional)"),
        widget=forms.Textarea(attrs={"rows": 6, "lang": "cy"}),
        max_length=20_000,
        required=False,
    )


class RecommendationForm(forms.Form):
    body = forms.ChoiceField(
        label=_("Kind of body"),
        choices=Body.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what kind of body the recommendation is for")},
    )
    body_name = forms.CharField(
        label=_("Name of the body"),
        max_length=200,
        help_text=_(
            "Choose one of the service's board or partner organisations, or type "
            "another, e.g. South Wales Police"
        ),
        error_messages={"required": _("Name the body the recommendation is addressed to")},
    )
    text = forms.CharField(
        label=_("Recommendation"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5_000,
        error_messages={"required": _("Enter the recommendation")},
    )
    text_cy = forms.CharField(
        label=_("Recommendation in Welsh (optional)"),
        widget=forms.Textarea(attrs={"rows": 3, "lang": "cy"}),
        max_length=5_000,
        required=False,
    )
    standards = forms.MultipleChoiceField(
        label=_("Follows from the standards"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose the standards the recommendation follows from")},
    )
    version = version_field()

    def __init__(
        self, *args: Any, framework: Framework, language: str, editing: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["standards"].choices = [  # type: ignore[attr-defined]
            (s.id, f"{s.id} {s.title.get(language)}") for s in framework.standards
        ]
        if not editing:
            del self.fields["version"]
