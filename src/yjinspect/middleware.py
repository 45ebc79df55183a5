"""Turn a refusal that reached no form into a message the person sees, never a server error.

Services refuse with ValidationError (a StageError is one) and the database refuses to delete
a record others depend on with ProtectedError. Views show both next to the form they came
from; any that escapes a view lands here: after a POST the person is sent back to the page
with the message, otherwise the page says what was wrong with status 400.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db import DataError
from django.db.models import ProtectedError, RestrictedError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import render
from django.utils.translation import gettext as _


def refusal_text(error: Exception) -> str | None:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    if isinstance(error, ProtectedError | RestrictedError):
        return _("This cannot be removed while other records depend on it.")
    if isinstance(error, DataError):  # a value past a column's length or range
        return _("A value entered is too long or out of range.")
    return None


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without a valid token (it sat open too long, or the person signed in again
    elsewhere): our own page, in the person's language, instead of Django's developer page."""
    return render(request, "csrf_failure.html", status=403)


class SessionLimits:
    """A session ends after YJ_IDLE_SECONDS without a request (the session's expiry is renewed
    with use, at most once a minute so a page view does not always write the session) and, in
    any case, YJ_SESSION_SECONDS after signing in."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            session, now = request.session, time.time()
            started = session.setdefault("yj_signed_in_at", now)
            if now - started > settings.YJ_SESSION_SECONDS:
                logout(request)
                messages.info(request, _("For your security you were signed out. Sign in again."))
                return redirect_to_login(request.get_full_path())
            if now - session.get("yj_touched", 0) > 60:
                session["yj_touched"] = now  # saving the session renews its expiry
        return self.get_response(request)


def _values(query: QueryDict) -> list[str]:
    return [v for key in query for v in (key, *query.getlist(key))]


class RefusalMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # No text in the product holds a NUL, and PostgreSQL refuses to store one.
        if any("\x00" in v for q in (request.GET, request.POST) for v in _values(q)) or (
            request.content_type == "application/json"
            and re.search(rb"\\u0000|\x00", request.body, re.IGNORECASE)
        ):
            if request.path.startswith("/api/"):
                from yjinspect.api.problems import problem

                return problem(400, "The request held a character that is not allowed (NUL).")
            return render(
                request,
                "400.html",
                {"message": _("The request held a character that is not allowed.")},
                status=400,
            )
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        text = refusal_text(exception)
        if text is None:
            return None
        if request.method == "POST":
            messages.error(request, text)
            return HttpResponseRedirect(request.get_full_path(), status=303)
        return render(request, "400.html", {"message": text}, status=400)
