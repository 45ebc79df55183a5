"""Forms for judgement ratings and overrides."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from yjinspect.engine import NOT_RATED, Framework
from yjinspect.versioning import version_field


def rating_choices(
    framework: Framework, language: str, *, not_rated: bool = False
) -> list[tuple[str, str]]:
    levels = [(level.id, level.title.get(language)) for level in framework.scale]
    return [*levels, (NOT_RATED, framework.not_rated.get(language))] if not_rated else levels


def _not_rated_reason_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Why it is not rated"),
        help_text=_("Only when the rating is “Not rated”."),
        widget=forms.RadioSelect,
        required=False,
    )


class _NotRatedReasonMixin(forms.Form):
    """A rating that may be "Not rated", which then needs one of the framework's reasons."""

    def _offer_not_rated(self, framework: Framework, language: str) -> None:
        self.fields["rating"].choices = rating_choices(framework, language, not_rated=True)  # type: ignore[attr-defined]
        self.fields["not_rated_reason"].choices = [  # type: ignore[attr-defined]
            (reason.id, reason.title.get(language)) for reason in framework.not_rated_reasons
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("rating") == NOT_RATED:
            if not cleaned.get("not_rated_reason"):
                self.add_error("not_rated_reason", _("Choose why the standard is not rated"))
        else:
            cleaned["not_rated_reason"] = ""
        return cleaned


class JudgementForm(_NotRatedReasonMixin):
    version = version_field()
    rating = forms.ChoiceField(
        label=_("Rating"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a rating")},
    )
    not_rated_reason = _not_rated_reason_field()
    reasons = forms.CharField(
        label=_("Reasons"),
        help_text=_("What the rating rests on. For “Not rated”, say why in your own words."),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=20_000,
        error_messages={"required": _("Enter the reasons for the rating")},
    )

    def __init__(self, *args: Any, framework: Framework, language: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._offer_not_rated(framework, language)


class OverallForm(forms.Form):
    """The team's overall rating, where the framework's overall is a recorded judgement."""

    version = version_field()
    rating = forms.ChoiceField(
        label=_("Overall rating"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a rating")},
    )
    reasons = forms.CharField(
        label=_("Reasons for the overall rating"),
        help_text=_("Shown with the overall rating on this page and in the report."),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=20_000,
        error_messages={"required": _("Enter the reasons for the rating")},
    )

    def __init__(self, *args: Any, framework: Framework, language: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rating"].choices = rating_choices(framework, language)  # type: ignore[attr-defined]


class OverrideForm(_NotRatedReasonMixin):
    standard_id = forms.ChoiceField(
        label=_("Standard"), error_messages={"required": _("Choose the standard")}
    )
    rating = forms.ChoiceField(
        label=_("Rating"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a rating")},
    )
    not_rated_reason = _not_rated_reason_field()
    reason = forms.CharField(
        label=_("Reason"),
        help_text=_("Shown wherever the rating is shown."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5_000,
        error_messages={"required": _("Enter the reason")},
    )

    def __init__(self, *args: Any, framework: Framework, language: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._offer_not_rated(framework, language)
        self.fields["standard_id"].choices = [  # type: ignore[attr-defined]
            (s.id, f"{s.id} {s.title.get(language)}")
            for s in framework.standards
            if s.basis.value == "case"
        ]
