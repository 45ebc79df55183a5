"""The person's API tokens: made, listed and revoked on their account."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from yjinspect.converters import posted_id
from yjinspect.forms import add_errors

from . import tokens
from .forms import ApiTokenForm
from .roles import signed_in


@login_required
@never_cache  # the page shows a new key once
@require_http_methods(["GET", "POST"])
def api_tokens(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    form = ApiTokenForm(request.POST if "revoke" not in request.POST else None)
    new_key = None
    if request.method == "POST":
        if "revoke" in request.POST:
            token = tokens.revoke(user, posted_id(request.POST, "revoke"))
            messages.success(request, _("Token %(prefix)s… revoked") % {"prefix": token.prefix})
            return redirect("api_tokens")
        if form.is_valid():
            try:
                _token, new_key = tokens.create(
                    user, name=form.cleaned_data["name"], days=form.cleaned_data["days"], by=user
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                form = ApiTokenForm()
    return render(
        request,
        "accounts/api_tokens.html",
        {
            "tokens": tokens.tokens_of(user),
            "form": form,
            "new_key": new_key,
            "now": timezone.now(),
        },
    )
