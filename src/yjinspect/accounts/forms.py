"""Sign-in form with GOV.UK-style messages."""

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
