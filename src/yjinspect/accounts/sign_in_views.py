"""Signing in beyond the password: the second step, setting up an authenticator, recovery
codes, changing and resetting a password, and the page shown when sign-in is locked."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from yjinspect.audit.services import record, record_event

from . import two_factor
from .forms import CodeForm, SetupCodeForm
from .permissions import may
from .roles import signed_in


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if target and safe else reverse(settings.LOGIN_REDIRECT_URL)


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def second_factor(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    if not two_factor.has_second_factor(user):
        return redirect("two_factor_setup")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            passed = two_factor.verify(request, user, form.cleaned_data["code"])
        except ValidationError as error:
            form.add_error("code", error)
            passed = None
        if passed:
            left = two_factor.recovery_codes_left(user)
            if left <= 3:
                messages.warning(
                    request,
                    _("You have %(n)s recovery codes left: make new ones on your account page")
                    % {"n": left},
                )
            return HttpResponseRedirect(_next(request))
        if passed is False:
            form.add_error(
                "code",
                _("The code is not right, or was used already. Try the code the app shows now."),
            )
    return render(request, "accounts/second_factor.html", {"form": form, "next": _next(request)})


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    # Replacing an app that works needs that app first (or a recovery code).
    if two_factor.has_second_factor(user) and not getattr(user, "is_verified", lambda: False)():
        return redirect(f"{reverse('second_factor')}?next={reverse('two_factor_setup')}")
    form = SetupCodeForm(request.POST or None)
    device = two_factor.pending_setup(user)
    if request.method == "POST" and form.is_valid() and device is not None:
        try:
            codes = two_factor.confirm_setup(request, user, form.cleaned_data["code"])
        except ValidationError as error:
            form.add_error("code", error)
        else:
            return render(
                request,
                "accounts/recovery_codes.html",
                {"codes": codes, "next": _next(request), "just_set_up": True},
            )
    if device is None or request.method == "GET":
        device = two_factor.start_setup(user)
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "secret": two_factor.secret_of(device),
            "qr": two_factor.qr_svg(device),
            "required": may(user, "account.two_factor_required"),
            "next": _next(request),
        },
    )


@login_required
@never_cache
def account(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    return render(
        request,
        "accounts/account.html",
        {
            "has_app": two_factor.has_second_factor(user),
            "required": may(user, "account.two_factor_required"),
            "codes_left": two_factor.recovery_codes_left(user),
        },
    )


@login_required
@never_cache
@require_POST
def recovery_codes(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    if not two_factor.has_second_factor(user):
        return redirect("two_factor_setup")
    codes = two_factor.new_recovery_codes(user)
    return render(
        request, "accounts/recovery_codes.html", {"codes": codes, "next": reverse("account")}
    )


class PasswordChange(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("account")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        user = signed_in(self.request)
        record(user, "account.password_changed", user)
        messages.success(self.request, _("Your password has been changed"))
        return response


class PasswordReset(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("password_reset_done")

    def form_valid(self, form: Any) -> HttpResponse:
        # The same answer whether or not the address is known: nobody learns who has an
        # account. The audit keeps that a reset was asked for, not the address.
        self.extra_email_context = {"site_url": settings.YJ_SITE_URL.rstrip("/")}
        record_event(
            None, "account.password_reset_requested", object_type="auth.user", object_id=""
        )
        return super().form_valid(form)


class PasswordResetConfirm(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("password_reset_complete")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        record(form.user, "account.password_reset", form.user)
        return response


def locked_out(
    request: HttpRequest, response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """django-axes calls this when too many sign-ins failed: say so, and for how long."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "accounts/locked_out.html", {"minutes": minutes}, status=429)
