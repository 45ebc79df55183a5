"""Thin views: the service's self-assessments, starting one, and taking its caseload from the
service's records."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from yjinspect.accounts.permissions import may, require
from yjinspect.accounts.roles import signed_in
from yjinspect.context import content_language
from yjinspect.forms import add_errors
from yjinspect.inspections import permissions
from yjinspect.services.own_records import render_own, service_records

from . import services
from .forms import StartForm


@login_required
@require_http_methods(["GET", "POST"])
def self_assessments(request: HttpRequest, pk: int) -> HttpResponse:
    service = service_records(request, pk)
    form = StartForm(request.POST or None)
    if request.method == "POST":
        require(request.user, "service.self_assessment.start", service)
        if form.is_valid():
            try:
                inspection = services.start(signed_in(request), service, **form.cleaned_data)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Self-assessment started: take its caseload from the service's records next"),
                )
                return redirect("inspections:detail", inspection.pk)
    return render_own(
        request,
        service,
        "selfassessment/list.html",
        {
            "assessments": services.of_service(service),
            "last": services.last_result(service, content_language()),
            "form": form,
            "may_start": may(request.user, "service.self_assessment.start", service),
        },
    )


@login_required
@require_POST
def take_caseload(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = permissions.inspection_for(request, pk, "caseload.import")
    try:
        taken = services.take_caseload(signed_in(request), inspection)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            ngettext(
                "%(count)s case taken from the service's records",
                "%(count)s cases taken from the service's records",
                taken,
            )
            % {"count": taken},
        )
    return redirect("cases:caseload", pk)
