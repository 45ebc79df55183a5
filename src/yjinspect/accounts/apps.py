"""App configuration for accounts."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "yjinspect.accounts"
    verbose_name = _("People and roles")

    def ready(self) -> None:
        from django.contrib.auth.signals import (
            user_logged_in,
            user_logged_out,
            user_login_failed,
        )

        from . import signals

        user_logged_in.connect(signals.signed_in, dispatch_uid="audit-signed-in")
        user_logged_out.connect(signals.signed_out, dispatch_uid="audit-signed-out")
        user_login_failed.connect(signals.sign_in_failed, dispatch_uid="audit-sign-in-failed")
