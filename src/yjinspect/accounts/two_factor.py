"""Two-factor sign-in: a time-based code from an authenticator app (TOTP, RFC 6238) and
single-use recovery codes, kept by django-otp.

Required for the inspectorate's and partner inspectorates' people (``permissions``: the rule
"account.two_factor_required"); the inspected service's people may turn it on. Every step is
audited."""

from __future__ import annotations

import base64
import binascii
import secrets
from typing import Any

import segno
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_otp import login as otp_login
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from yjinspect.audit.services import record

ISSUER = "yjinspect"
RECOVERY_CODES = 10
APP_DEVICE = "Authenticator app"
RECOVERY_DEVICE = "Recovery codes"


def confirmed_app(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def has_second_factor(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and confirmed_app(user) is not None)


def secret_of(device: TOTPDevice) -> str:
    """The key as the base32 text an authenticator app asks for."""
    return base64.b32encode(device.bin_key).decode().rstrip("=")


def key_from_secret(secret: str) -> str:
    """A base32 secret (as apps show it, any case, spaces allowed) as django-otp's hex key."""
    cleaned = secret.replace(" ", "").upper()
    try:
        raw = base64.b32decode(cleaned + "=" * (-len(cleaned) % 8))
    except (binascii.Error, ValueError):
        raise ValidationError(_("The two-factor secret is not valid base32 text")) from None
    if len(raw) < 10:
        raise ValidationError(_("The two-factor secret is too short (at least 16 characters)"))
    return raw.hex()


def code_now(secret: str) -> str:
    """The current six-digit code for a base32 secret (what an authenticator app shows)."""
    totp = TOTP(bytes.fromhex(key_from_secret(secret)), step=30, digits=6)
    return f"{totp.token():06d}"


def qr_svg(device: TOTPDevice) -> str:
    """The device's otpauth:// address as a QR code, an SVG data URI (no network needed)."""
    return str(segno.make(device.config_url, error="m").svg_data_uri(scale=5))


def start_setup(user: User) -> TOTPDevice:
    """A new, unconfirmed app device with a fresh secret (any earlier unconfirmed one goes)."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=APP_DEVICE, confirmed=False)


def pending_setup(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=False).first()


@transaction.atomic
def confirm_setup(request: HttpRequest, user: User, code: str) -> list[str]:
    """Confirm the app with a code it shows: it replaces any earlier app, the session counts
    as verified, and new recovery codes are made and returned (shown once)."""
    device = pending_setup(user)
    if device is None:
        raise ValidationError(_("Start setting up two-factor sign-in again"))
    if not device.verify_token(_digits(code)):
        record(user, "account.two_factor_setup_failed", user)
        raise ValidationError(_("The code is not right: enter the 6-digit code the app shows now"))
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    otp_login(request, device)
    record(user, "account.two_factor_set_up", user)
    return new_recovery_codes(user)


@transaction.atomic
def new_recovery_codes(user: User) -> list[str]:
    """Ten new single-use recovery codes; earlier ones stop working."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    for code in codes:
        device.token_set.create(token=code)
    record(user, "account.recovery_codes_made", user, count=len(codes))
    return codes


def recovery_codes_left(user: User) -> int:
    return int(StaticToken.objects.filter(device__user=user, device__confirmed=True).count())


def verify(request: HttpRequest, user: User, code: str) -> bool:
    """Check a code from the app, or a recovery code (used up by using it); a right one
    marks the session as verified. Wrong codes are audited and throttled by django-otp (each
    failure doubles the wait before the next try): a code sent too soon is refused with the
    wait (ValidationError)."""
    code = code.strip()
    app = confirmed_app(user)
    if app is not None and _digits(code).isdigit():
        allowed, why = app.verify_is_allowed()
        if not allowed and why and "locked_until" in why:
            wait = max(1, int((why["locked_until"] - timezone.now()).total_seconds()) + 1)
            raise ValidationError(
                ngettext(
                    "Too many wrong codes: wait %(n)s second, then enter the code shown then",
                    "Too many wrong codes: wait %(n)s seconds, then enter the code shown then",
                    wait,
                )
                % {"n": wait}
            )
        if app.verify_token(_digits(code)):
            otp_login(request, app)
            record(user, "account.second_factor_passed", user, method="app")
            return True
    for device in StaticDevice.objects.filter(user=user, confirmed=True):
        if device.verify_token(code.lower().replace(" ", "")):
            otp_login(request, device)
            record(
                user,
                "account.second_factor_passed",
                user,
                method="recovery code",
                recovery_codes_left=recovery_codes_left(user),
            )
            return True
    record(user, "account.second_factor_failed", user)
    return False


@transaction.atomic
def give_demo_device(user: User, secret: str) -> None:
    """A demonstration account's authenticator, with the known secret the demo prints."""
    TOTPDevice.objects.filter(user=user).delete()
    TOTPDevice.objects.create(
        user=user, name=APP_DEVICE, confirmed=True, key=key_from_secret(secret)
    )


def new_secret() -> str:
    return base64.b32encode(secrets.token_bytes(20)).decode().rstrip("=")


def _digits(code: str) -> str:
    return code.replace(" ", "").replace("-", "")
