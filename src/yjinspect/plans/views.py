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
from yjinspect.forms import add_errors
from yjinspect.inspections import permissions
from yjinspect.notifications.services import service_people

from . import services
from .forms import ActionForm, BoardSignOffForm, ProgressForm
from .models import ImprovementAction


@login_required
@require_http_methods(["GET", "POST"])
def plan_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The plan, its deadline and the board's sign-off, and how each recommendation stands."""
    inspection = permissions.inspection_for(request, pk, "plan.view")
    user = signed_in(request)
    which = request.POST.get("form", "action") if request.method == "POST" else ""
    form = ActionForm(
        request.POST if which == "action" else None,
        people=service_people(inspection.service_id),
        contacts=inspection.service.partner_contacts.all(),
    )
    board_form = BoardSignOffForm(
        request.POST if which == "board" else None, board=inspection.service.board_members.all()
    )
    if which == "submit":
        services.submit_plan(user, inspection)  # a refusal comes back as a message
        messages.success(request, _("The plan was sent to the inspectorate"))
        return redirect("plans:plan", pk)
    if which == "board" and board_form.is_valid():
        try:
            services.record_board_sign_off(user, inspection, **board_form.cleaned_data)
        except ValidationError as error:
            add_errors(board_form, error)
        else:
            messages.success(request, _("The board's sign-off is recorded"))
            return redirect("plans:plan", pk)
    if which == "action" and form.is_valid():
        recommendation = get_object_or_404(
            Recommendation, inspection=inspection, pk=posted_id(request.POST, "recommendation")
        )
        try:
            services.add_action(user, recommendation, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Action added to the plan"))
            return redirect("plans:plan", pk)
    today = timezone.localdate()
    actions = list(services.actions_of(inspection).select_related("owner_contact"))
    recommendations = list(Recommendation.objects.filter(inspection=inspection))
    return render(
        request,
        "plans/plan.html",
        {
            "inspection": inspection,
            "form": form,
            "board_form": board_form,
            "error_form": board_form if which == "board" else form,
            "today": today,
            "recommendations": recommendations,
            "actions": actions,
            "progress": services.progress(inspection, today),
            "monitoring": services.monitoring(recommendations, actions, today),
            "submission": services.submission_of(inspection),
            "due": services.submission_due(inspection),
            "can_edit": permissions.may(user, "plan.edit", inspection),
            "can_submit": permissions.may(user, "plan.submit", inspection),
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
