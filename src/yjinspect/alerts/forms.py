"""Forms for case alerts."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from yjinspect.forms import GovukDateField
from yjinspect.versioning import version_field

from .models import CaseAlert, UrgentAction


class RaiseAlertForm(forms.Form):
    cases: forms.ModelMultipleChoiceField[Any] = forms.ModelMultipleChoiceField(
        label=_("Which cases?"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Every case the alert rests on. An organisation-wide alert may cite none."),
        error_messages={"invalid_choice": _("Choose cases from this inspection's sample")},
    )
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
        help_text=_("The severity sets how long the service has to send its plan."),
        error_messages={"required": _("Choose the severity")},
    )
    themes = forms.MultipleChoiceField(
        label=_("Themes"),
        choices=CaseAlert.Theme.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The report gives the number of alerts and their themes, never a case."),
        error_messages={"required": _("Choose at least one theme")},
    )
    found = forms.CharField(
        label=_("What was found"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=10_000,
        help_text=_("What puts the child or others at risk, and what the service must do now."),
        error_messages={"required": _("Describe what was found")},
    )
    found_cy = forms.CharField(
        label=_("What was found, in Welsh (optional)"),
        widget=forms.Textarea(attrs={"rows": 5, "lang": "cy"}),
        max_length=10_000,
        required=False,
    )

    def __init__(self, *args: Any, sample: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["cases"]
        field.queryset = sample  # type: ignore[attr-defined]
        field.label_from_instance = lambda sampled: sampled.case.case_ref  # type: ignore[attr-defined]


class ActionForm(forms.Form):
    """An action of the urgent action plan, while the service writes it."""

    text = forms.CharField(
        label=_("Action"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5_000,
        error_messages={"required": _("Say what will be done")},
    )
    owner = forms.CharField(
        label=_("Owner"),
        max_length=200,
        help_text=_("The person who makes it happen, with their role and organisation."),
        error_messages={"required": _("Name the person who owns the action")},
    )
    due = GovukDateField(
        label=_("Due by"), error_messages={"required": _("Enter the date the action is due")}
    )


class ActionProgressForm(forms.Form):
    """How far an action has got, and the evidence (after the lead has accepted the plan)."""

    version = version_field()
    status = forms.ChoiceField(
        label=_("Status"),
        choices=UrgentAction.Status.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the status")},
    )
    evidence = forms.CharField(
        label=_("Evidence"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=10_000,
    )


class SendPlanForm(forms.Form):
    version = version_field()
    summary = forms.CharField(
        label=_("What the service has done and plans to do"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=10_000,
        help_text=_("A summary for the lead inspector; the actions above are the plan."),
        error_messages={"required": _("Say what the service has done and plans to do")},
    )


class ReviewForm(forms.Form):
    version = version_field()
    decision = forms.ChoiceField(
        label=_("Your decision on the plan"),
        choices=[
            ("accept", _("Accept: the actions deal with the risk")),
            ("return", _("Return: the plan must do more")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether to accept or return the plan")},
    )
    reasons = forms.CharField(
        label=_("Reasons"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=10_000,
        help_text=_("Needed when you return the plan: the service sees them."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "return" and not data.get("reasons", "").strip():
            self.add_error("reasons", _("Say why the plan is returned: what it must do better"))
        return data


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
