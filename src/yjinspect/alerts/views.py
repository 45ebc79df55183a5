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
from yjinspect.inspections import permissions
from yjinspect.notifications.services import service_managers, service_people

from . import services
from .forms import ConfirmForm, NoteForm, RaiseAlertForm, RespondForm
from .models import CaseAlert


@login_required
@require_http_methods(["GET", "POST"])
def alert_list(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = permissions.inspection_for(request, pk, "alerts.view")
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
    alerts = list(
        CaseAlert.objects.filter(inspection=inspection).select_related(
            "sampled_case__case", "raised_by"
        )
    )
    for alert in alerts:
        alert.inspection = inspection  # one inspection object: its team is read once
    alerts = [a for a in alerts if permissions.may(request.user, "alert.view", a)]
    return render(
        request,
        "alerts/list.html",
        {
            "inspection": inspection,
            "alerts": alerts,
            "form": form,
            "sampled": sampled,
            "now": timezone.now(),
            "can_raise": permissions.may(request.user, "alerts.raise", inspection),
            "is_lead": permissions.may(request.user, "alert.handle", inspection),
            "section": "inspections",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def alert_detail(request: HttpRequest, pk: int, alert_id: int) -> HttpResponse:
    inspection = permissions.inspection_for(request, pk, "alerts.view")
    alert = get_object_or_404(
        CaseAlert.objects.select_related("sampled_case__case", "raised_by", "confirmed_by"),
        pk=alert_id,
        inspection=inspection,
    )
    alert.inspection = inspection
    if not permissions.may(request.user, "alert.view", alert):
        raise Http404(_("No such alert"))
    user = signed_in(request)
    action = request.POST.get("action", "")
    posted = request.POST if request.method == "POST" else None
    initial = {"version": alert.version}
    people = service_people(inspection.service_id)
    confirm_form = ConfirmForm(
        posted if action == "confirm" else None, initial=initial, people=people
    )
    respond_form = RespondForm(posted if action == "respond" else None, initial=initial)
    note_form = NoteForm(posted if action in ("close", "withdraw") else None, initial=initial)
    forms_by_action = {"confirm": confirm_form, "respond": respond_form, "close": note_form}
    acting = forms_by_action.get("close" if action == "withdraw" else action)
    if request.method == "POST" and acting is not None and acting.is_valid():
        data = acting.cleaned_data
        try:
            if action == "confirm":
                services.confirm(
                    user,
                    alert,
                    recipient=data["recipient"],
                    recipient_email=data["recipient_email"],
                    version=data["version"],
                )
                messages.success(
                    request, _("Alert sent to the service: %(who)s") % {"who": alert.sent_to}
                )
            elif action == "respond":
                services.respond(user, alert, data["urgent_action"], data["version"])
                messages.success(request, _("Response sent to the inspection team"))
            else:
                services.close(
                    user,
                    alert,
                    data["note"],
                    withdraw=action == "withdraw",
                    version=data["version"],
                )
                messages.success(
                    request, _("Alert closed") if action == "close" else _("Alert withdrawn")
                )
        except ValidationError as error:
            acting.add_error(None, error)
        else:
            return redirect("alerts:detail", pk, alert.pk)
    return render(
        request,
        "alerts/detail.html",
        {
            "inspection": inspection,
            "alert": alert,
            "responses": alert.responses.select_related("by"),
            "confirm_form": confirm_form,
            "respond_form": respond_form,
            "note_form": note_form,
            "error_form": next(
                (f for f in (confirm_form, respond_form, note_form) if f.errors), note_form
            ),
            "no_manager": not service_managers(inspection.service_id),
            "is_lead": permissions.may(user, "alert.handle", inspection),
            "may_respond": permissions.may(user, "alert.respond", alert),
            "overdue": alert.is_overdue(),
            "section": "inspections",
        },
    )
