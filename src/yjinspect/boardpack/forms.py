"""The pack's form: which quarter, in which language."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from yjinspect.quarters import recent_quarters


def quarter_choices() -> list[tuple[str, str]]:
    return [(str(q), q.label) for q in recent_quarters()]


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
