"""Forms for notices, screenings, referrals and decisions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from yjinspect.casework.forms import ForCase
from yjinspect.forms import GovukDateField, GovukDateTimeField
from yjinspect.services.models import YouthJusticeService
from yjinspect.staffing.models import StaffMember

from .models import Decision, ExploitationScreening, Notice


class NoticeForm(ForCase):
    kind = forms.ChoiceField(
        label=_("What it is about"),
        choices=Notice.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what the notice is about")},
    )
    from_agency = forms.CharField(
        label=_("From"),
        max_length=200,
        help_text=_("e.g. the police, children's services"),
        error_messages={"required": _("Enter who sent it, e.g. the police")},
    )
    occurred_at = GovukDateTimeField(
        label=_("When it happened"),
        error_messages={"required": _("Enter when it happened")},
    )
    received_at = GovukDateTimeField(
        label=_("When the service received it"),
        error_messages={"required": _("Enter when the service received it")},
    )
    summary = forms.CharField(
        label=_("Summary (optional)"),
        max_length=500,
        required=False,
        help_text=_("No names: the case reference is enough."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class SeenForm(forms.Form):
    seen_by = forms.ModelChoiceField(
        label=_("Seen by"),
        queryset=StaffMember.objects.none(),
        empty_label=_("Choose who saw it"),
        error_messages={"required": _("Choose who saw it")},
    )
    seen_at = GovukDateTimeField(
        label=_("When they saw it"), error_messages={"required": _("Enter when they saw it")}
    )

    def __init__(self, *args: Any, service: YouthJusticeService, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["seen_by"].queryset = StaffMember.objects.filter(  # type: ignore[attr-defined]
            service=service, left_on__isnull=True
        )


class ScreeningForm(ForCase):
    screened_on = GovukDateField(
        label=_("Screened on"), error_messages={"required": _("Enter the date of the screening")}
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=ExploitationScreening.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the outcome")},
    )


class ReferralForm(ForCase):
    referred_on = GovukDateField(
        label=_("Referred on"), error_messages={"required": _("Enter the date of the referral")}
    )
    first_responder = forms.CharField(
        label=_("First responder organisation"),
        max_length=200,
        help_text=_("The body that made the referral, e.g. the local authority"),
        error_messages={"required": _("Enter the first responder organisation")},
    )


class DecisionForm(forms.Form):
    stage = forms.ChoiceField(
        label=_("Which decision"),
        choices=[
            ("reasonable", _("Reasonable grounds")),
            ("conclusive", _("Conclusive grounds")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose which decision")},
    )
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (Decision.POSITIVE, Decision.POSITIVE.label),
            (Decision.NEGATIVE, Decision.NEGATIVE.label),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose positive or negative")},
    )
    decided_on = GovukDateField(
        label=_("Decided on"), error_messages={"required": _("Enter the date of the decision")}
    )
