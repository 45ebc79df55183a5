"""Two-factor sign-in is enforced here: a person who must use it (or has turned it on) reaches
no page but the second step, set-up and signing out until their session has passed it."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from .permissions import may
from .two_factor import has_second_factor

# Reachable between the password and the second step.
OPEN_PATHS = (
    "/static/",
    "/healthz",
    "/sign-out/",
    "/i18n/",
    "/sign-in/code/",
    "/account/two-factor/",
)


class TwoFactorRequired:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            settings.YJ_TWO_FACTOR
            and user.is_authenticated
            and not getattr(user, "is_verified", lambda: False)()  # set by django-otp
            and not request.path.startswith(OPEN_PATHS)
        ):
            if has_second_factor(user):
                step = "second_factor"
            elif may(user, "account.two_factor_required"):
                step = "two_factor_setup"
            else:
                return self.get_response(request)
            query = urlencode({"next": request.get_full_path()})
            return HttpResponseRedirect(f"{reverse(step)}?{query}")
        return self.get_response(request)
