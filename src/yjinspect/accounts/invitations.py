"""A new account is made without a password: its owner is e-mailed a one-time link to choose
one (Django's password-reset token, so the link stops working once used)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from yjinspect.jobs.mail import mail_with_change


def invite(person: User, where: str) -> None:
    """E-mail ``person`` the link that sets their password (by e-mail only: the link holds a
    token, kept out of the product's own records)."""
    link = reverse(
        "password_reset_confirm",
        args=[
            urlsafe_base64_encode(force_bytes(person.pk)),
            default_token_generator.make_token(person),
        ],
    )
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("yjinspect: your new account")
        body = _(
            "An account on yjinspect was made for you (%(name)s, %(where)s). Choose your "
            "password with this link; it works once:"
        ) % {"name": person.get_username(), "where": where}
    mail_with_change(person.email, subject, f"{body}\n{settings.YJ_SITE_URL.rstrip('/')}{link}")
