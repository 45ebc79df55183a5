"""Forms for inspections."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from yjinspect.engine import installed_frameworks
from yjinspect.forms import GovukDateField
from yjinspect.services.models import YouthJusticeService

from .models import TEAM_ROLES


def framework_choices() -> list[tuple[str, str]]:
    """The frameworks the inspectorate inspects by (not the national standards, which a
    service assesses itself against)."""
    return [
        (f.id, f"{f.title.en} ({f.id})")
        for f in installed_frameworks().values()
        if not f.is_self_assessment
    ]


class InspectionForm(forms.Form):
    service = forms.ModelChoiceField(
        label=_("Youth justice service"),
        queryset=YouthJusticeService.objects.all(),
        empty_label=_("Choose a service"),
        error_messages={"required": _("Choose the service to inspect")},
    )
    framework_id = forms.ChoiceField(
        label=_("Framework"),
        choices=framework_choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the framework")},
    )
    fieldwork_start = GovukDateField(
        label=_("Fieldwork starts"),
        error_messages={"required": _("Enter the date fieldwork starts")},
    )
    fieldwork_end = GovukDateField(
        label=_("Fieldwork ends"), error_messages={"required": _("Enter the date fieldwork ends")}
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("fieldwork_start"), data.get("fieldwork_end")
        if start and end and end < start:
            self.add_error("fieldwork_end", _("Fieldwork must end on or after the day it starts"))
        return data


class TeamMemberForm(forms.Form):
    user: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Person"),
        queryset=None,  # set in __init__
        empty_label=_("Choose a person"),
        error_messages={"required": _("Choose a person to add")},
    )
    role = forms.ChoiceField(
        label=_("Role on this inspection"),
        choices=TEAM_ROLES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose their role")},
    )

    def __init__(self, *args: Any, people: Any, roles: Any = TEAM_ROLES, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = people  # type: ignore[attr-defined]
        self.fields["role"].choices = roles  # type: ignore[attr-defined]
        self.fields["user"].label_from_instance = lambda u: u.get_username()  # type: ignore[attr-defined]


class StandardTitlesForm(forms.Form):
    """A title, in English and Welsh, for each standard the framework leaves each inspection
    to name (a joint inspection's themed area)."""

    def __init__(self, *args: Any, inspection: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        current = inspection.standard_titles or {}
        self.standards = inspection.framework.titled_per_inspection
        for standard in self.standards:
            given = current.get(standard.id, {})
            self.fields[f"{standard.id}-en"] = forms.CharField(
                label=_("%(id)s title in English") % {"id": standard.id},
                help_text=_("For example, Interventions to reduce reoffending"),
                max_length=200,
                initial=given.get("en", ""),
                error_messages={"required": _("Enter the title in English")},
            )
            self.fields[f"{standard.id}-cy"] = forms.CharField(
                label=_("%(id)s title in Welsh") % {"id": standard.id},
                max_length=200,
                required=False,
                initial=given.get("cy", ""),
            )

    def titles(self) -> dict[str, tuple[str, str]]:
        return {
            s.id: (self.cleaned_data[f"{s.id}-en"], self.cleaned_data[f"{s.id}-cy"])
            for s in self.standards
        }
