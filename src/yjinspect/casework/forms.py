"""Forms for the service's caseload."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from yjinspect.forms import GovukDateField
from yjinspect.services.models import YouthJusticeService

from .models import ServiceCase


class ServiceCaseForm(forms.ModelForm[ServiceCase]):
    age = forms.IntegerField(
        label=_("Age"),
        min_value=10,
        max_value=25,
        error_messages={
            "required": _("Enter the child's age"),
            "invalid": _("Enter the age as a whole number, like 15"),
            "min_value": _("Children enter youth justice from the age of 10"),
            "max_value": _("Enter an age of 25 or under"),
        },
    )
    starts_on = GovukDateField(
        label=_("Started on"), error_messages={"required": _("Enter the date the case started")}
    )

    class Meta:
        model = ServiceCase
        fields = [
            "case_ref",
            "disposal",
            "disposal_type",
            "sex",
            "age",
            "ethnicity",
            "rosh",
            "safety_wellbeing",
            "starts_on",
        ]
        widgets = {
            "disposal": forms.RadioSelect,
            "rosh": forms.RadioSelect,
            "safety_wellbeing": forms.RadioSelect,
        }
        error_messages = {
            "case_ref": {"required": _("Enter the service's reference for the case")},
            "disposal": {"required": _("Choose court or out of court")},
            "disposal_type": {"required": _("Enter the disposal type, e.g. referral order")},
            "sex": {"required": _("Enter the child's sex")},
            "ethnicity": {"required": _("Enter the child's ethnicity group")},
            "rosh": {"required": _("Choose the risk of serious harm")},
            "safety_wellbeing": {"required": _("Choose the safety and wellbeing concern")},
        }


class AllocationForm(forms.Form):
    practitioner = forms.IntegerField(
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose a case manager"),
            "invalid": _("Choose one of the case managers offered on the page"),
        },
    )
    override_reason = forms.CharField(
        label=_("Why not the first suggestion (if you choose someone else)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )


class CaseRefField(forms.CharField):
    """A case typed by the service's reference (a list of hundreds would be no help)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Case reference"))
        kwargs.setdefault("max_length", 60)
        kwargs.setdefault("error_messages", {"required": _("Enter the case reference")})
        super().__init__(**kwargs)


class ForCase(forms.Form):
    case_ref = CaseRefField()

    def __init__(self, *args: Any, service: YouthJusticeService, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.service = service

    def clean_case_ref(self) -> ServiceCase:
        ref = self.cleaned_data["case_ref"].strip()
        case = ServiceCase.objects.filter(service=self.service, case_ref__iexact=ref).first()
        if case is None:
            raise forms.ValidationError(
                _("No case of this service has the reference %(ref)s"), params={"ref": ref}
            )
        return case


def need_choices() -> list[tuple[str, str]]:
    from django.utils.translation import get_language

    from yjinspect.engine.policy import service_policy

    language = "cy" if (get_language() or "").startswith("cy") else "en"
    return [(n.id, n.title.get(language)) for n in service_policy().needs]


class NeedsForm(forms.Form):
    needs = forms.MultipleChoiceField(
        label=_("Needs from the assessment"),
        choices=need_choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": _("Choose needs from the list")},
    )
