"""The subject-access request form."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class SubjectAccessForm(forms.Form):
    case_ref = forms.CharField(
        label=_("Case reference"),
        max_length=60,
        help_text=_("The service's own reference for the child's case, as in its caseload"),
        error_messages={"required": _("Enter the case reference")},
    )
