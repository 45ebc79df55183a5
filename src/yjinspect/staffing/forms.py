"""Forms for posts, people, appointments, absences, training and supervision."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from yjinspect.engine.policy import service_policy
from yjinspect.forms import GovukDateField
from yjinspect.services.models import YouthJusticeService

from .models import Post, StaffMember, TrainingRecord


class ServiceScoped(forms.Form):
    """A form whose choices of posts and people are the service's own only."""

    def __init__(self, *args: Any, service: YouthJusticeService, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.service = service
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField):
                model = field.queryset.model  # type: ignore[union-attr]
                field.queryset = model.objects.filter(service=service)


def skill_choices() -> list[tuple[str, str]]:
    language = "cy" if (get_language() or "").startswith("cy") else "en"
    return [(skill.id, skill.title.get(language)) for skill in service_policy().skills]


def skill_names(ids: list[str]) -> list[str]:
    """The skills' titles in the active language (an id the policy no longer has, as is)."""
    titles = dict(skill_choices())
    return [titles.get(skill_id, skill_id) for skill_id in ids]


class StaffMemberForm(ServiceScoped):
    name = forms.CharField(
        label=_("Name"), max_length=200, error_messages={"required": _("Enter their name")}
    )
    started_on = GovukDateField(
        label=_("Started in the service on"),
        error_messages={"required": _("Enter the date they started")},
    )
    line_manager = forms.ModelChoiceField(
        label=_("Line manager (optional)"),
        queryset=StaffMember.objects.none(),
        required=False,
        empty_label=_("No line manager"),
    )
    case_manager = forms.BooleanField(label=_("Holds cases"), required=False)
    experience_years = forms.IntegerField(
        label=_("Years of youth justice experience"),
        min_value=0,
        max_value=60,
        initial=0,
        error_messages={
            "required": _("Enter their years of experience (0 if new)"),
            "invalid": _("Enter a whole number of years, like 3"),
            "min_value": _("Years of experience cannot be less than 0"),
            "max_value": _("Years of experience must be 60 or fewer"),
        },
    )
    skills = forms.MultipleChoiceField(
        label=_("Skills"),
        choices=skill_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose skills from the list")},
    )


class PostForm(forms.ModelForm[Post]):
    hours_per_week = forms.DecimalField(
        label=_("Hours a week"),
        min_value=1,
        max_value=80,
        decimal_places=1,
        error_messages={
            "required": _("Enter the post's hours a week, like 37"),
            "invalid": _("Enter the hours as a number, like 37 or 18.5"),
            "min_value": _("A post has at least 1 hour a week"),
            "max_value": _("A post has at most 80 hours a week"),
            "max_decimal_places": _("Give the hours to one decimal place, like 18.5"),
        },
    )
    established_on = GovukDateField(
        label=_("Established on"),
        error_messages={"required": _("Enter the date the post was established")},
    )

    class Meta:
        model = Post
        fields = ["title", "kind", "agency", "seconded", "hours_per_week", "established_on"]
        widgets = {"kind": forms.RadioSelect}
        error_messages = {
            "title": {"required": _("Enter the post's title, e.g. Case manager")},
            "kind": {"required": _("Choose the kind of post")},
            "agency": {"required": _("Enter the agency that funds or seconds the post")},
        }


class AppointmentForm(ServiceScoped):
    person = forms.ModelChoiceField(
        label=_("Person"),
        queryset=StaffMember.objects.none(),
        empty_label=_("Choose a person"),
        error_messages={"required": _("Choose who holds the post")},
    )
    starts_on = GovukDateField(
        label=_("From"), error_messages={"required": _("Enter the date they start in the post")}
    )
    cover = forms.BooleanField(
        label=_("Covering the post while it is vacant or its holder is away"), required=False
    )


class EndForm(forms.Form):
    """The day something ends (an appointment, an absence, a post, a person's time)."""

    ends_on = GovukDateField(
        label=_("Ends on"), error_messages={"required": _("Enter the date it ends")}
    )


class AbsenceForm(forms.Form):
    starts_on = GovukDateField(
        label=_("Away from"), error_messages={"required": _("Enter the first day away")}
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=200,
        help_text=_("e.g. long-term leave; no health details"),
        error_messages={"required": _("Enter the reason, e.g. long-term leave")},
    )


class TrainingForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=TrainingRecord.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose induction or training")},
    )
    course = forms.CharField(
        label=_("Course"),
        max_length=200,
        error_messages={"required": _("Enter the course, e.g. AssetPlus")},
    )
    completed_on = GovukDateField(
        label=_("Completed on"), error_messages={"required": _("Enter the date it was completed")}
    )


class SupervisionForm(ServiceScoped):
    supervisor = forms.ModelChoiceField(
        label=_("Supervisor"),
        queryset=StaffMember.objects.none(),
        empty_label=_("Choose the supervisor"),
        error_messages={"required": _("Choose who supervised them")},
    )
    held_on = GovukDateField(
        label=_("Held on"), error_messages={"required": _("Enter the date of the session")}
    )


class StaffChangeForm(StaffMemberForm):
    """What changes about a person over time (their name and start date do not)."""

    name = None  # type: ignore[assignment]
    started_on = None  # type: ignore[assignment]
