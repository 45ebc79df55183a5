"""Forms for the board: a meeting, a member's responsibilities, the pack's quarter."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from yjinspect.forms import GovukDateField
from yjinspect.services.models import BoardMember, YouthJusticeService


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
