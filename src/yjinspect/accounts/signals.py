"""Signing in, failing to and signing out are audited (who, from where; never a password)."""

from __future__ import annotations

import time
from typing import Any

from django.http import HttpRequest

from yjinspect.audit.services import record, record_event


def _address(request: HttpRequest | None) -> str:
    return str(request.META.get("REMOTE_ADDR", "")) if request is not None else ""


def signed_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if request is not None:
        # The session's absolute lifetime runs from here (yjinspect.middleware.SessionLimits).
        request.session["yj_signed_in_at"] = time.time()
    record(user, "account.signed_in", user, address=_address(request))


def signed_out(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if user is not None:
        record(user, "account.signed_out", user, address=_address(request))


def sign_in_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    # The name tried is kept (to see an attack on one account); the password never is.
    record_event(
        None,
        "account.sign_in_failed",
        object_type="auth.user",
        object_id="",
        details={
            "username": str(credentials.get("username", ""))[:150],
            "address": _address(request),
        },
    )
