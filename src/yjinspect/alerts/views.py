"""Pages for case alerts and notifications: thin over alerts.services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from yjinspect.accounts.roles import signed_in
from yjinspect.cases.sampling import current_sample
from yjinspect.converters import parse_id
from yjinspect.forms import add_errors
from yjinspect.inspections import permissions
from yjinspect.notifications.services import service_managers, service_people

from . import services
from .forms import (
    ActionForm,
    ActionProgressForm,
    ConfirmForm,
    NoteForm,
    RaiseAlertForm,
    ReviewForm,
    SendPlanForm,
)
from .models import CaseAlert, UrgentAction


@login_required
@require_http_methods(["GET", "POST"])
def alert_list(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = permissions.inspection_for(request, pk, "alerts.view")
    raw_case = request.GET.get("case")
    sampled_id = parse_id(raw_case)
    if raw_case and sampled_id is None:
        raise Http404(_("No such case"))
    sample = current_sample(inspection).select_related("case")
    if sampled_id and not sample.filter(pk=sampled_id).exists():
        raise Http404(_("No such case"))
    form = RaiseAlertForm(
        request.POST or None,
        initial={"cases": [sampled_id]} if sampled_id else None,
        sample=sample,
    )
    if request.method == "POST" and form.is_valid():
        try:
            alert = services.raise_alert(signed_in(request), inspection, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Alert raised; the lead inspector has been told"))
            return redirect("alerts:detail", pk, alert.pk)
    alerts = list(
        CaseAlert.objects.filter(inspection=inspection)
        .select_related("raised_by")
        .prefetch_related("cases__case")
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
            "sampled": sample.filter(pk=sampled_id).first() if sampled_id else None,
            "now": timezone.now(),
            "can_raise": permissions.may(request.user, "alerts.raise", inspection),
            "is_lead": permissions.may(request.user, "alert.handle", inspection),
            "section": "inspections",
        },
    )


class _AlertPage:
    """The alert page's forms: the one that was sent is bound to what was sent."""

    def __init__(self, request: HttpRequest, alert: CaseAlert) -> None:
        self.alert = alert
        self.action = request.POST.get("action", "") if request.method == "POST" else ""
        posted = request.POST if self.action else None
        initial = {"version": alert.version}

        def bound(*names: str) -> Any:
            return posted if self.action in names else None

        self.confirm = ConfirmForm(
            bound("confirm"), initial=initial, people=service_people(alert.inspection.service_id)
        )
        self.add_action = ActionForm(bound("add_action"), prefix="new")
        self.send_plan = SendPlanForm(bound("send_plan"), initial=initial)
        self.review = ReviewForm(bound("review"), initial=initial)
        self.note = NoteForm(bound("close", "withdraw"), initial=initial)
        self.item = self.posted_item(request) if self.action == "progress" else None
        self.progress = {
            item.pk: ActionProgressForm(
                posted if item == self.item else None,
                initial={"version": item.version, "status": item.status, "evidence": item.evidence},
                prefix=f"action{item.pk}",
            )
            for item in alert.actions.all()
        }

    def posted_item(self, request: HttpRequest) -> UrgentAction | None:
        number = parse_id(request.POST.get("item"))
        return self.alert.actions.filter(pk=number).first() if number else None

    def sent(self) -> forms.Form | None:
        """The form that was sent, or None (an unknown action, or an action that is gone)."""
        by_action: dict[str, forms.Form | None] = {
            "confirm": self.confirm,
            "add_action": self.add_action,
            "send_plan": self.send_plan,
            "review": self.review,
            "close": self.note,
            "withdraw": self.note,
            "progress": self.progress.get(self.item.pk) if self.item else None,
        }
        return by_action.get(self.action)

    def all(self) -> list[forms.Form]:
        return [
            self.confirm,
            self.add_action,
            self.send_plan,
            self.review,
            self.note,
            *self.progress.values(),
        ]


def _act(request: HttpRequest, page: _AlertPage, user: Any) -> str | None:
    """Carry out what was sent; return the message to show (None: the form has errors)."""
    alert, action = page.alert, page.action
    if action == "remove_action":
        item = page.posted_item(request)
        if item is None:
            raise ValidationError(_("That action is no longer in the plan"))
        services.remove_action(user, item)
        return _("Action removed from the plan")
    form = page.sent()
    if form is None:
        raise ValidationError(
            _("That action is no longer in the plan")
            if action == "progress"
            else _("That choice is not valid: choose again from the page.")
        )
    if not form.is_valid():
        return None
    data = form.cleaned_data
    if action == "confirm":
        services.confirm(
            user,
            alert,
            recipient=data["recipient"],
            recipient_email=data["recipient_email"],
            version=data["version"],
        )
        return _("Alert sent to the service: %(who)s") % {"who": alert.sent_to}
    if action == "add_action":
        services.add_action(user, alert, text=data["text"], owner=data["owner"], due=data["due"])
        return _("Action added to the plan")
    if action == "progress":
        assert page.item is not None
        services.change_action(
            user,
            page.item,
            status=data["status"],
            evidence=data["evidence"],
            version=data["version"],
        )
        return _("Action %(n)s updated") % {"n": page.item.number}
    if action == "send_plan":
        services.send_plan(user, alert, data["summary"], data["version"])
        return _("Urgent action plan sent to the lead inspector")
    if action == "review":
        accept = data["decision"] == "accept"
        services.review_plan(
            user, alert, accept=accept, reasons=data["reasons"], version=data["version"]
        )
        return _("Plan accepted") if accept else _("Plan returned to the service")
    services.close(
        user, alert, data["note"], withdraw=action == "withdraw", version=data["version"]
    )
    return _("Alert closed") if action == "close" else _("Alert withdrawn")


@login_required
@require_http_methods(["GET", "POST"])
def alert_detail(request: HttpRequest, pk: int, alert_id: int) -> HttpResponse:
    inspection = permissions.inspection_for(request, pk, "alerts.view")
    alert = get_object_or_404(
        CaseAlert.objects.select_related("raised_by", "confirmed_by", "closed_by"),
        pk=alert_id,
        inspection=inspection,
    )
    alert.inspection = inspection
    if not permissions.may(request.user, "alert.view", alert):
        raise Http404(_("No such alert"))
    user = signed_in(request)
    page = _AlertPage(request, alert)
    if page.action:
        try:
            done = _act(request, page, user)
        except ValidationError as error:
            form = page.sent()
            if form is None:  # nothing on the page to show it by
                messages.error(request, " ".join(error.messages))
                return redirect("alerts:detail", pk, alert.pk)
            add_errors(form, error)
        else:
            if done is not None:
                messages.success(request, done)
                return redirect("alerts:detail", pk, alert.pk)
    actions = list(alert.actions.all())
    return render(
        request,
        "alerts/detail.html",
        {
            "inspection": inspection,
            "alert": alert,
            "cases": alert.cases.select_related("case").order_by("case__case_ref"),
            "responses": alert.responses.select_related("by", "decided_by"),
            "actions": actions,
            "actions_done": sum(1 for a in actions if a.status == UrgentAction.Status.DONE),
            "history": services.history(alert),
            "page": page,
            "error_form": next((f for f in page.all() if f.errors), page.note),
            "no_manager": not service_managers(inspection.service_id),
            "is_lead": permissions.may(user, "alert.handle", inspection),
            "may_respond": permissions.may(user, "alert.respond", alert),
            "overdue": alert.is_overdue(),
            "today": timezone.localdate(),
            "section": "inspections",
        },
    )
