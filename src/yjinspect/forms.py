"""What every page's forms share."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def add_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's refusal on the form: by the field it names when the form has that
    field, else at the top of the form."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d %m %Y", "%d-%m-%Y"]


class GovukDateField(forms.DateField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("input_formats", DATE_FORMATS)
        kwargs.setdefault("help_text", _("For example, 13/05/2024"))
        kwargs["error_messages"] = {
            "invalid": _("Enter a real date, like 13/05/2024"),
            **kwargs.get("error_messages", {}),
        }
        super().__init__(**kwargs)


DATE_TIME_FORMATS = [f"{day} {time}" for day in DATE_FORMATS for time in ("%H:%M", "%H.%M")]


class GovukDateTimeField(forms.DateTimeField):
    """A moment typed as a day and a 24-hour time, in the site's time zone."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("input_formats", DATE_TIME_FORMATS)
        kwargs.setdefault("help_text", _("Day and 24-hour time, for example, 13/05/2024 14:30"))
        kwargs["error_messages"] = {
            "invalid": _("Enter a real date and time, like 13/05/2024 14:30"),
            **kwargs.get("error_messages", {}),
        }
        super().__init__(**kwargs)
