"""What every page's forms share."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError


def add_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's refusal on the form: by the field it names when the form has that
    field, else at the top of the form."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)
