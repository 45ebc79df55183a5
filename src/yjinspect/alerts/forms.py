"""Forms for case alerts."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import CaseAlert


class RaiseAlertForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What is at risk?"),
        choices=CaseAlert.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what is at risk")},
    )
    severity = forms.ChoiceField(
        label=_("Severity"),
        choices=CaseAlert.Severity.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the severity")},
    )
    found = forms.CharField(
        label=_("What was found"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=10_000,
        help_text=_("What puts the child or others at risk, and what the service must do now."),
        error_messages={"required": _("Describe what was found")},
    )


class RespondForm(forms.Form):
    urgent_action = forms.CharField(
        label=_("Urgent action taken or planned"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=10_000,
        error_messages={"required": _("Describe the urgent action taken or planned")},
    )


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5_000,
        error_messages={"required": _("Enter a note saying why")},
    )
