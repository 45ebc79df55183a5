"""The filters of the national picture: a GET form, so a filtered figure has its own address
and works without JavaScript."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from yjinspect.engine import get_framework, installed_frameworks
from yjinspect.services.models import Nation, Region, YouthJusticeService

from .figures import Filters, language

YEARS = (2000, 2100)


def _inspection_frameworks() -> list[tuple[str, str]]:
    shown_in = language()
    found = sorted(
        (get_framework(fid) for fid in installed_frameworks()), key=lambda f: f.in_force_from
    )
    return [(f.id, f.title.get(shown_in)) for f in found if not f.is_self_assessment]


class FiltersForm(forms.Form):
    nation = forms.ChoiceField(label=_("Nation"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    framework = forms.ChoiceField(label=_("Framework"), required=False)
    year_from = forms.IntegerField(
        label=_("From the year"),
        required=False,
        min_value=YEARS[0],
        max_value=YEARS[1],
        error_messages={"invalid": _("Enter a year like 2022")},
    )
    year_to = forms.IntegerField(
        label=_("To the year"),
        required=False,
        min_value=YEARS[0],
        max_value=YEARS[1],
        error_messages={"invalid": _("Enter a year like 2024")},
    )
    standard = forms.CharField(required=False, max_length=16, widget=forms.HiddenInput)
    service = forms.ChoiceField(
        label=_("A service beside them"),
        required=False,
        error_messages={"invalid_choice": _("Choose a service from the list")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        self.fields["nation"].choices = everything + list(Nation.choices)  # type: ignore[attr-defined]
        self.fields["region"].choices = everything + list(Region.choices)  # type: ignore[attr-defined]
        self.fields["framework"].choices = everything + _inspection_frameworks()  # type: ignore[attr-defined]
        # Ids as text among the choices: an unknown or hostile value is refused by name.
        self.fields["service"].choices = [("", _("None"))] + [  # type: ignore[attr-defined]
            (str(pk), name) for pk, name in YouthJusticeService.objects.values_list("pk", "name")
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("year_from"), data.get("year_to")
        if start is not None and end is not None and start > end:
            self.add_error("year_to", _("The last year cannot be before the first"))
        _check_region(self, data)
        return data

    def filters(self) -> Filters:
        """The valid filters; a field with an error is left out (its message is shown)."""
        data = (
            self.cleaned_data
            if self.is_valid()
            else {
                k: v for k, v in getattr(self, "cleaned_data", {}).items() if k not in self.errors
            }
        )
        return Filters(
            nation=data.get("nation") or "",
            region=data.get("region") or "",
            framework=data.get("framework") or "",
            year_from=data.get("year_from"),
            year_to=data.get("year_to"),
            standard=data.get("standard") or "",
            service=int(data["service"]) if data.get("service") else None,
        )


def _check_region(form: forms.Form, data: dict[str, Any]) -> None:
    region, nation = data.get("region"), data.get("nation")
    if region and nation and (region == Region.WALES) != (nation == Nation.WALES):
        form.add_error("region", _("Choose a region in the nation chosen, or all nations"))


class WhereForm(forms.Form):
    """Where: a nation, a region, or everywhere."""

    nation = forms.ChoiceField(label=_("Nation"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        self.fields["nation"].choices = everything + list(Nation.choices)  # type: ignore[attr-defined]
        self.fields["region"].choices = everything + list(Region.choices)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _check_region(self, data)
        return data

    def valid_data(self) -> dict[str, Any]:
        """The fields without an error (their messages are shown)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if k not in self.errors}

    def filters(self) -> Filters:
        data = self.valid_data()
        return Filters(nation=data.get("nation") or "", region=data.get("region") or "")


class DisproportionalityForm(WhereForm):
    """Where, and the last of the pooled years."""

    year = forms.IntegerField(
        label=_("Up to the year"),
        help_text=_("Counts are pooled over the years up to this one."),
        required=False,
        min_value=YEARS[0],
        max_value=YEARS[1],
        error_messages={"invalid": _("Enter a year like 2024")},
    )

    def chosen(self) -> tuple[Filters, int | None]:
        return self.filters(), self.valid_data().get("year")


class PopulationForm(forms.Form):
    census = forms.FileField(
        label=_("Census 2021 figures (CSV)"),
        help_text=_(
            "Columns: service, ethnicity (a Census 2021 category or group), children (aged 10 "
            "to 17). A service's figures replace its earlier ones."
        ),
        error_messages={"required": _("Choose a CSV file")},
    )


class IndicatorsForm(forms.Form):
    returns = forms.FileField(
        label=_("National indicators and KPI returns for every service (CSV)"),
        help_text=_(
            "Columns: service, quarter, kpi, part, numerator, denominator (e.g. Cwm Afon YJS, "
            "2025Q3, reoffending, all, 12, 40). A figure already held for the quarter is replaced."
        ),
        error_messages={"required": _("Choose a CSV file")},
    )
