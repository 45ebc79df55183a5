"""Forms for the report."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from yjinspect.versioning import version_field


class AccuracyCommentForm(forms.Form):
    paragraph = forms.ChoiceField(
        label=_("Paragraph"), error_messages={"required": _("Choose a paragraph of the report")}
    )
    comment = forms.CharField(
        label=_("Your comment"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=10_000,
        error_messages={"required": _("Enter your comment")},
    )

    def __init__(self, *args: Any, paragraphs: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["paragraph"].choices = paragraphs  # type: ignore[attr-defined]


class ReportContentForm(forms.Form):
    version = version_field()
    foreword = forms.CharField(
        label=_("Foreword"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=20_000,
        required=False,
    )
    foreword_cy = forms.CharField(
        label=_("Foreword in Welsh"),
        widget=forms.Textarea(attrs={"rows": 5, "lang": "cy"}),
        max_length=20_000,
        required=False,
    )
    overall = forms.CharField(
        label=_("Overall findings"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=20_000,
        required=False,
        help_text=_(
            "What the inspection found, in a few paragraphs: it follows the overall rating."
        ),
    )
    overall_cy = forms.CharField(
        label=_("Overall findings in Welsh"),
        widget=forms.Textarea(attrs={"rows": 6, "lang": "cy"}),
        max_length=20_000,
        required=False,
    )
    welsh = forms.BooleanField(
        label=_("Publish a Welsh version as well"),
        required=False,
        help_text=_("A service in Wales always publishes in English and Welsh."),
    )
