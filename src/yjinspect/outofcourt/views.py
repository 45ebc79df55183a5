"""Pages of out-of-court decisions: the panels with their flags, and one panel's decisions."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from yjinspect.accounts.permissions import may
from yjinspect.accounts.roles import signed_in
from yjinspect.engine.policy import service_policy
from yjinspect.services.own_records import render_own, service_records
from yjinspect.staffing.views import handled

from . import services
from .forms import DecisionForm, PanelForm
from .models import Panel


@login_required
@require_http_methods(["GET", "POST"])
def panels(request: HttpRequest, pk: int) -> HttpResponse:
    service = service_records(request, pk)
    form = PanelForm(request.POST if request.method == "POST" else None)
    user = signed_in(request)
    if request.method == "POST" and handled(
        form,
        lambda: services.record_panel(user, service, **form.cleaned_data),
        request,
        _("Panel recorded: now record its decisions"),
    ):
        latest = Panel.objects.filter(service=service).order_by("-id").first()
        assert latest is not None
        return redirect("outofcourt:panel", pk, latest.pk)
    policy = service_policy().out_of_court
    listed = list(Panel.objects.filter(service=service).prefetch_related("decisions")[:100])
    return render_own(
        request,
        service,
        "outofcourt/panels.html",
        {
            "panels": [
                (
                    p,
                    services.titles(policy.agencies, p.agencies),
                    services.panel_flags(p, policy),
                    sum(1 for d in p.decisions.all() if policy.missing_information(d.information)),
                )
                for p in listed
            ],
            "required": services.titles(policy.agencies, list(policy.required_agencies)),
            "policy": policy,
            "form": form,
            "may_record": may(request.user, "service.decisions.record", service),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def panel(request: HttpRequest, pk: int, panel: int) -> HttpResponse:
    service = service_records(request, pk)
    the_panel = get_object_or_404(Panel, pk=panel, service=service)
    form = DecisionForm(request.POST if request.method == "POST" else None, service=service)
    user = signed_in(request)
    if request.method == "POST" and handled(
        form,
        lambda: services.record_decision(
            user,
            the_panel,
            case=form.cleaned_data["case_ref"],
            information=form.cleaned_data["information"],
            outcome=form.cleaned_data["outcome"],
            reason=form.cleaned_data["reason"],
        ),
        request,
        _("Decision recorded"),
    ):
        return redirect("outofcourt:panel", pk, panel)
    policy = service_policy().out_of_court
    outcomes = dict(
        zip((o.id for o in policy.outcomes), services.titles(policy.outcomes), strict=True)
    )
    return render_own(
        request,
        service,
        "outofcourt/panel.html",
        {
            "panel": the_panel,
            "agencies": services.titles(policy.agencies, the_panel.agencies),
            "flags": services.panel_flags(the_panel, policy),
            "decisions": [
                (d, outcomes.get(d.outcome, d.outcome), services.decision_flags(d, policy))
                for d in the_panel.decisions.select_related("case")
            ],
            "form": form,
            "may_record": may(request.user, "service.decisions.record", service),
        },
    )
