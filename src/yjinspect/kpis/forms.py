"""The KPI returns upload."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

MAX_BYTES = 2_000_000


class ReturnsForm(forms.Form):
    returns = forms.FileField(
        label=_("KPI returns (CSV)"),
        help_text=_("Columns: quarter, kpi, part, numerator, denominator. Download the template."),
        error_messages={"required": _("Choose the CSV file of KPI returns")},
    )

    def clean_returns(self) -> str:
        upload = self.cleaned_data["returns"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file must be smaller than 2 MB"))
        try:
            text: str = upload.read().decode("utf-8-sig")
            return text
        except UnicodeDecodeError:
            raise forms.ValidationError(_("The file must be a CSV saved as UTF-8 text")) from None
