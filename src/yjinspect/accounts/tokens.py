"""API tokens: made by their person on the account page (or by an operator with
``yjinspect token create``), listed and revoked there; each acts as its person, with exactly
their permissions, until it expires. The key is shown once; only its SHA-256 is kept."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from yjinspect.audit.services import record

from .models import ApiToken

PREFIX = "yj_"
# Last-used times are written at most this often, so reading the API does not write a row
# on every request.
TOUCH_EVERY = timedelta(minutes=5)


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def tokens_of(user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user)


@transaction.atomic
def create(
    user: User, *, name: str, days: int | None = None, by: Any = None
) -> tuple[ApiToken, str]:
    """A new token for ``user`` and its key (shown once). ``by`` is who made it (the person
    themselves, or None for an operator at the command line)."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Say what the token is for")})
    longest = settings.YJ_API_TOKEN_MAX_DAYS
    days = settings.YJ_API_TOKEN_DAYS if days is None else days
    if not 1 <= days <= longest:
        raise ValidationError(
            {"days": _("A token lasts from 1 to %(most)s days") % {"most": longest}}
        )
    if not user.is_active:
        raise ValidationError(
            _("%(person)s can no longer sign in") % {"person": user.get_username()}
        )
    key = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=key[:10],
        key_hash=_hash(key),
        expires_at=timezone.now() + timedelta(days=days),
    )
    record(by, "api_token.created", token, owner=user.get_username(), name=name, days=days)
    return token, key


@transaction.atomic
def revoke(user: User, token_id: int) -> ApiToken:
    """The person's own token stops working at once."""
    token = ApiToken.objects.filter(user=user, pk=token_id).first()
    if token is None:
        raise Http404(_("No such token"))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        record(user, "api_token.revoked", token, owner=user.get_username(), name=token.name)
    return token


def user_for(key: str) -> User | None:
    """The active person a key belongs to, if it is current; None otherwise."""
    if not key.startswith(PREFIX):
        return None
    now = timezone.now()
    token = (
        ApiToken.objects.filter(key_hash=_hash(key), revoked_at__isnull=True, expires_at__gt=now)
        .select_related("user", "user__profile")
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    if token.last_used_at is None or now - token.last_used_at > TOUCH_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
