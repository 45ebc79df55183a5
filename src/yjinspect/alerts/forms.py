"""Forms for case alerts."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from yjinspect.versioning import version_field

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
    version = version_field()
    urgent_action = forms.CharField(
        label=_("Urgent action taken or planned"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=10_000,
        error_messages={"required": _("Describe the urgent action taken or planned")},
    )


class NoteForm(forms.Form):
    version = version_field()
    note = forms.CharField(
        label=_("Note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5_000,
        error_messages={"required": _("Enter a note saying why")},
    )


class ConfirmForm(forms.Form):
    """Confirming sends the alert: to the service's managers and, if the lead names them, a
    person of the service or an e-mail address (required when the service has no manager)."""

    version = version_field()
    recipient: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Also send to a person of the service (optional)"),
        queryset=None,
        required=False,
        empty_label="",
    )
    recipient_email = forms.EmailField(
        label=_("Also send to an e-mail address (optional)"),
        required=False,
        max_length=254,
        error_messages={"invalid": _("Enter an e-mail address like name@example.org")},
    )

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["recipient"].queryset = people  # type: ignore[attr-defined]
        self.fields["recipient"].label_from_instance = lambda u: u.get_username()  # type: ignore[attr-defined]
