"""Forms for the improvement plan."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from yjinspect.forms import GovukDateField
from yjinspect.versioning import version_field

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
    owner_user: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Who gets the reminders"),
        queryset=None,
        required=False,
        empty_label=_("The service's managers"),
        help_text=_("Reminders go to this person before the due date."),
    )

    owner_contact: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Or a partner's contact, reminded by e-mail"),
        queryset=None,
        required=False,
        empty_label=_("None"),
        help_text=_("For an action a partner owns, e.g. the police; no account needed."),
    )

    def __init__(self, *args: Any, people: Any, contacts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["owner_user"]
        field.queryset = people  # type: ignore[attr-defined]
        field.label_from_instance = lambda u: u.get_username()  # type: ignore[attr-defined]
        self.fields["owner_contact"].queryset = contacts  # type: ignore[attr-defined]


class BoardSignOffForm(forms.Form):
    board_member: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Who signed the plan off for the board"),
        queryset=None,
        empty_label=_("Choose a board member"),
        error_messages={"required": _("Choose the board member who signed the plan off")},
    )
    meeting = GovukDateField(
        label=_("Date of the board meeting"),
        error_messages={"required": _("Enter the date of the board meeting")},
    )

    def __init__(self, *args: Any, board: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["board_member"].queryset = board  # type: ignore[attr-defined]


class ProgressForm(forms.Form):
    version = version_field()
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
