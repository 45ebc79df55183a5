"""Pages for services: list, add and change, management board."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from yjinspect.accounts.permissions import may, require
from yjinspect.accounts.roles import signed_in

from . import services
from .forms import BoardMemberForm, ServiceForm
from .models import YouthJusticeService


@login_required
def service_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "services.view")
    visible = [s for s in YouthJusticeService.objects.all() if may(request.user, "service.view", s)]
    return render(
        request,
        "services/list.html",
        {
            "services": visible,
            "is_admin": may(request.user, "services.change"),
            "section": "services",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def service_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    require(request.user, "services.change")
    service = get_object_or_404(YouthJusticeService, pk=pk) if pk else None
    form = ServiceForm(request.POST or None, instance=service)
    if request.method == "POST" and form.is_valid():
        saved = services.save_service(signed_in(request), form)
        messages.success(request, _("Service saved"))
        return redirect("services:detail", saved.pk)
    return render(
        request,
        "services/edit.html",
        {
            "form": form,
            "service": service,
            "section": "services",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def service_detail(request: HttpRequest, pk: int) -> HttpResponse:
    service = get_object_or_404(YouthJusticeService, pk=pk)
    if not may(request.user, "service.view", service):
        raise Http404(_("No such service"))
    form = BoardMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.add_board_member(signed_in(request), service, form)
        messages.success(request, _("Board member added"))
        return redirect("services:detail", pk)
    return render(
        request,
        "services/detail.html",
        {
            "service": service,
            "board": service.board_members.all(),
            "form": form,
            "is_admin": may(request.user, "services.change"),
            "section": "services",
        },
    )
