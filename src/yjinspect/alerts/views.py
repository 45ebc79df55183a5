"""Pages for case alerts and notifications: thin over alerts.services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from yjinspect.accounts.roles import signed_in
from yjinspect.cases.models import SampledCase
from yjinspect.converters import parse_id
from yjinspect.inspections import services as inspections

from . import services
from .forms import NoteForm, RaiseAlertForm, RespondForm
from .models import CaseAlert, Notification


@login_required
@require_http_methods(["GET", "POST"])
def alert_list(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = inspections.get_visible(request.user, pk)
    raw_case = request.GET.get("case") or request.POST.get("case")
    sampled_id = parse_id(raw_case)
    if raw_case and sampled_id is None:
        raise Http404(_("No such case"))
    sampled = (
        get_object_or_404(
            SampledCase.objects.select_related("case"), pk=sampled_id, inspection=inspection
        )
        if sampled_id
        else None
    )
    form = RaiseAlertForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            alert = services.raise_alert(
                signed_in(request), inspection, sampled_case=sampled, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Alert raised; the lead inspector has been told"))
            return redirect("alerts:detail", pk, alert.pk)
    alerts = CaseAlert.objects.filter(inspection=inspection).select_related(
        "sampled_case__case", "raised_by"
    )
    return render(
        request,
        "alerts/list.html",
        {
            "inspection": inspection,
            "alerts": alerts,
            "form": form,
            "sampled": sampled,
            "now": timezone.now(),
            "can_raise": inspections.is_assessing(inspection, request.user),
            "is_lead": inspections.is_lead(inspection, request.user),
            "section": "inspections",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def alert_detail(request: HttpRequest, pk: int, alert_id: int) -> HttpResponse:
    inspection = inspections.get_visible(request.user, pk)
    alert = get_object_or_404(
        CaseAlert.objects.select_related("sampled_case__case", "raised_by", "confirmed_by"),
        pk=alert_id,
        inspection=inspection,
    )
    user = signed_in(request)
    action = request.POST.get("action", "")
    respond_form = RespondForm(request.POST if action == "respond" else None)
    note_form = NoteForm(request.POST if action in ("close", "withdraw") else None)
    if request.method == "POST":
        try:
            if action == "confirm":
                services.confirm(user, alert)
                messages.success(request, _("Alert sent to the service"))
                return redirect("alerts:detail", pk, alert.pk)
            if action == "respond" and respond_form.is_valid():
                services.respond(user, alert, respond_form.cleaned_data["urgent_action"])
                messages.success(request, _("Response sent to the inspection team"))
                return redirect("alerts:detail", pk, alert.pk)
            if action in ("close", "withdraw") and note_form.is_valid():
                services.close(
                    user, alert, note_form.cleaned_data["note"], withdraw=action == "withdraw"
                )
                messages.success(
                    request, _("Alert closed") if action == "close" else _("Alert withdrawn")
                )
                return redirect("alerts:detail", pk, alert.pk)
        except ValidationError as error:
            (respond_form if action == "respond" else note_form).add_error(None, error)
    return render(
        request,
        "alerts/detail.html",
        {
            "inspection": inspection,
            "alert": alert,
            "responses": alert.responses.select_related("by"),
            "respond_form": respond_form,
            "note_form": note_form,
            "error_form": respond_form if respond_form.errors else note_form,
            "is_lead": inspections.is_lead(inspection, user),
            "is_manager": services.is_service_manager(inspection, user),
            "overdue": alert.is_overdue(),
            "section": "inspections",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def notifications(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    mine = Notification.objects.filter(user=user)
    if request.method == "POST":
        mine.filter(read_at__isnull=True).update(read_at=timezone.now())
        return redirect("notifications")
    return render(request, "alerts/notifications.html", {"notifications": mine[:100]})
