"""Forms for the out-of-court panel: a meeting and a decision, with the policy's lists."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from yjinspect.casework.forms import ForCase
from yjinspect.engine.policy import service_policy
from yjinspect.forms import GovukDateField

from .services import titles


def _choices(which: str) -> list[tuple[str, str]]:
    items = getattr(service_policy().out_of_court, which)
    return list(zip((i.id for i in items), titles(items), strict=True))


class PanelForm(forms.Form):
    held_on = GovukDateField(
        label=_("Held on"), error_messages={"required": _("Enter the date of the panel")}
    )
    agencies = forms.MultipleChoiceField(
        label=_("Agencies present"),
        choices=lambda: _choices("agencies"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose the agencies at the panel"),
            "invalid_choice": _("Choose agencies from the list"),
        },
    )


class DecisionForm(ForCase):
    information = forms.MultipleChoiceField(
        label=_("Information the panel had"),
        choices=lambda: _choices("information"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": _("Choose information from the list")},
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=lambda: _choices("outcomes"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the outcome"),
            "invalid_choice": _("Choose the outcome"),
        },
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        error_messages={"required": _("Give the reason for the decision")},
    )
