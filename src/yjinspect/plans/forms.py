"""Forms for the improvement plan."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from yjinspect.inspections.forms import GovukDateField

from .models import ImprovementAction


class ActionForm(forms.Form):
    action = forms.CharField(
        label=_("Action"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5_000,
        error_messages={"required": _("Enter the action")},
    )
    owner = forms.CharField(
        label=_("Owner"),
        max_length=200,
        help_text=_("A role, e.g. Head of Service"),
        error_messages={"required": _("Enter who owns the action")},
    )
    due = GovukDateField(
        label=_("Due by"), error_messages={"required": _("Enter the date the action is due")}
    )


class ProgressForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=ImprovementAction.Status.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the status")},
    )
    evidence = forms.CharField(
        label=_("Evidence of progress"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=10_000,
    )
