"""Forms for the board: a meeting, a member's responsibilities, the pack's quarter."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yjinspect.forms import GovukDateField
from yjinspect.services.models import BoardMember, YouthJusticeService

from .quarters import Quarter

PACK_QUARTERS = 8  # how many quarters back the pack form offers


class MeetingForm(forms.Form):
    held_on = GovukDateField(
        label=_("Held on"), error_messages={"required": _("Enter the date of the meeting")}
    )
    present = forms.ModelMultipleChoiceField(
        label=_("Members present"),
        queryset=BoardMember.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose members from the list")},
    )

    def __init__(self, *args: Any, service: YouthJusticeService, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["present"].queryset = service.board_members.all()  # type: ignore[attr-defined]


class ResponsibilitiesForm(forms.Form):
    responsibilities = forms.CharField(
        label=_("Responsibilities on the board"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        required=False,
    )


def quarter_choices() -> list[tuple[str, str]]:
    quarter = Quarter.containing(timezone.localdate())
    found = []
    for _n in range(PACK_QUARTERS):
        found.append(
            (str(quarter), f"{quarter} ({quarter.start:%d/%m/%Y} – {quarter.end:%d/%m/%Y})")
        )
        quarter = quarter.previous()
    return found


class PackForm(forms.Form):
    quarter = forms.ChoiceField(
        label=_("Quarter"),
        choices=quarter_choices,
        error_messages={
            "required": _("Choose the quarter"),
            "invalid_choice": _("Choose a quarter from the list"),
        },
    )
    language = forms.ChoiceField(
        label=_("Language"),
        choices=[("en", "English"), ("cy", "Cymraeg")],
        widget=forms.RadioSelect,
        initial="en",
        error_messages={
            "required": _("Choose English or Welsh"),
            "invalid_choice": _("Choose English or Welsh"),
        },
    )
