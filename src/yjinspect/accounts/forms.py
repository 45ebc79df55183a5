"""Sign-in form with GOV.UK-style messages."""

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("Enter a correct user name and password."),
        "inactive": _("This account has been switched off."),
    }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["username"].error_messages["required"] = _("Enter your user name")
        self.fields["password"].error_messages["required"] = _("Enter your password")


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        help_text=_("The 6-digit code your authenticator app shows now, or a recovery code"),
        error_messages={"required": _("Enter the code")},
    )


class SetupCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from the app"),
        max_length=12,
        help_text=_("The 6-digit code the app shows now, for example 123456"),
        error_messages={"required": _("Enter the 6-digit code from the app")},
    )


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("What is the token for?"),
        help_text=_("For example, the service's weekly caseload script"),
        max_length=100,
        error_messages={"required": _("Say what the token is for")},
    )
    days = forms.IntegerField(
        label=_("Days until it expires"),
        min_value=1,
        max_value=settings.YJ_API_TOKEN_MAX_DAYS,
        initial=settings.YJ_API_TOKEN_DAYS,
        error_messages={
            "required": _("Enter how many days the token lasts"),
            "invalid": _("Enter a whole number of days"),
            "min_value": _("A token lasts at least 1 day"),
            "max_value": _("A token lasts at most %(limit_value)s days"),
        },
    )
