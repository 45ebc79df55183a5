"""The form that starts a self-assessment."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from yjinspect.context import content_language
from yjinspect.forms import GovukDateField

from .services import frameworks


class StartForm(forms.Form):
    framework_id = forms.ChoiceField(
        label=_("Standards"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the standards to assess against")},
    )
    standards = forms.MultipleChoiceField(
        label=_("Which standards does this self-assessment cover?"),
        help_text=_(
            "One standard, or all of them. A case may serve every standard it is relevant to."
        ),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one standard to assess")},
    )
    audit_start = GovukDateField(
        label=_("The audit starts"),
        error_messages={"required": _("Enter the date the audit starts")},
    )
    audit_end = GovukDateField(
        label=_("The audit ends"),
        error_messages={"required": _("Enter the date the audit ends")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        language = content_language()
        offered = frameworks()
        self.fields["framework_id"].choices = [  # type: ignore[attr-defined]
            (f.id, f.title.get(language)) for f in offered
        ]
        if len(offered) == 1:
            self.fields["framework_id"].initial = offered[0].id
        # Every offered framework's domains; the service function refuses a mismatch.
        self.fields["standards"].choices = [  # type: ignore[attr-defined]
            (domain.id, domain.title.get(language))
            for domain in (offered[0].domains if offered else ())
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("audit_start"), data.get("audit_end")
        if start and end and end < start:
            self.add_error("audit_end", _("The audit must end on or after the day it starts"))
        return data
