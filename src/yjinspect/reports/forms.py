"""Forms for the report."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


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
