"""Forms for the interventions register."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from yjinspect.casework.forms import ForCase, need_choices
from yjinspect.forms import GovukDateField

from .models import Referral


class InterventionForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=200, error_messages={"required": _("Enter its name")}
    )
    need = forms.ChoiceField(
        label=_("Need it meets"),
        choices=need_choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the need it meets"),
            "invalid_choice": _("Choose needs from the list"),
        },
    )
    provider = forms.CharField(
        label=_("Provider"),
        max_length=200,
        help_text=_("e.g. the service, the health board's CAMHS team, a charity"),
        error_messages={"required": _("Enter who provides it")},
    )
    eligibility = forms.CharField(
        label=_("Who is eligible (optional)"), max_length=500, required=False
    )


class ReferralForm(ForCase):
    referred_on = GovukDateField(
        label=_("Referred on"), error_messages={"required": _("Enter the date of the referral")}
    )


class ProgressForm(forms.Form):
    started_on = GovukDateField(label=_("Started on (optional)"), required=False)
    ended_on = GovukDateField(label=_("Ended on (optional)"), required=False)
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=Referral.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the outcome")},
    )
