"""Forms for judgement ratings and overrides."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from yjinspect.engine import Framework
from yjinspect.versioning import version_field


def rating_choices(framework: Framework, language: str) -> list[tuple[str, str]]:
    return [(level.id, level.title.get(language)) for level in framework.scale]


class JudgementForm(forms.Form):
    version = version_field()
    rating = forms.ChoiceField(
        label=_("Rating"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a rating")},
    )
    reasons = forms.CharField(
        label=_("Reasons"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=20_000,
        error_messages={"required": _("Enter the reasons for the rating")},
    )

    def __init__(self, *args: Any, framework: Framework, language: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rating"].choices = rating_choices(framework, language)  # type: ignore[attr-defined]


class OverrideForm(forms.Form):
    standard_id = forms.ChoiceField(
        label=_("Standard"), error_messages={"required": _("Choose the standard")}
    )
    rating = forms.ChoiceField(
        label=_("Rating"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a rating")},
    )
    reason = forms.CharField(
        label=_("Reason for the override"),
        help_text=_("Shown wherever the rating is shown."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5_000,
        error_messages={"required": _("Enter the reason for the override")},
    )

    def __init__(self, *args: Any, framework: Framework, language: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rating"].choices = rating_choices(framework, language)  # type: ignore[attr-defined]
        self.fields["standard_id"].choices = [  # type: ignore[attr-defined]
            (s.id, f"{s.id} {s.title.get(language)}")
            for s in framework.standards
            if s.basis.value == "case"
        ]
