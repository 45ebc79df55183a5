"""The improvement plan page, progress updates and exports."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from yjinspect.accounts.roles import signed_in
from yjinspect.audit.services import record_read
from yjinspect.converters import posted_id
from yjinspect.findings.models import Recommendation
from yjinspect.inspections import permissions
from yjinspect.notifications.services import service_people

from . import services
from .forms import ActionForm, ProgressForm
from .models import ImprovementAction


@login_required
@require_http_methods(["GET", "POST"])
def plan_page(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = permissions.inspection_for(request, pk, "plan.view")
    user = signed_in(request)
    form = ActionForm(
        request.POST if "action" in request.POST else None,
        people=service_people(inspection.service_id),
    )
    if request.method == "POST" and form.is_valid():
        recommendation = get_object_or_404(
            Recommendation, inspection=inspection, pk=posted_id(request.POST, "recommendation")
        )
        try:
            services.add_action(user, recommendation, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Action added to the plan"))
            return redirect("plans:plan", pk)
    today = timezone.localdate()
    actions = list(services.actions_of(inspection))
    return render(
        request,
        "plans/plan.html",
        {
            "inspection": inspection,
            "form": form,
            "today": today,
            "recommendations": Recommendation.objects.filter(inspection=inspection),
            "actions": actions,
            "progress": services.progress(inspection, today),
            "can_edit": permissions.may(user, "plan.edit", inspection),
            "section": "inspections",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_page(request: HttpRequest, pk: int, action_id: int) -> HttpResponse:
    inspection = permissions.inspection_for(request, pk, "plan.edit")
    item = get_object_or_404(ImprovementAction, inspection=inspection, pk=action_id)
    form = ProgressForm(
        request.POST or None,
        initial={"status": item.status, "evidence": item.evidence, "version": item.version},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_action(signed_in(request), item, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Progress recorded"))
            return redirect("plans:plan", pk)
    return render(
        request,
        "plans/action.html",
        {
            "inspection": inspection,
            "item": item,
            "form": form,
            "section": "inspections",
        },
    )


@login_required
@never_cache  # an export holds the service's plan: no copy kept on the way
def export(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    inspection = permissions.inspection_for(request, pk, "plan.view")
    if kind == "xlsx":
        response = HttpResponse(
            services.export_xlsx(inspection),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(services.export_csv(inspection), content_type="text/csv")
    record_read(request.user, "plan.exported", pk, format=kind)
    response["Content-Disposition"] = f'attachment; filename="improvement-plan-{pk}.{kind}"'
    return response
