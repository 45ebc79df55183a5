"""Pages of the interventions register: what is offered against the caseload's needs, and one
intervention's referrals and evaluation."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from yjinspect.accounts.permissions import may
from yjinspect.accounts.roles import signed_in
from yjinspect.converters import posted_id
from yjinspect.services.own_records import render_own, service_records
from yjinspect.staffing.views import handled

from . import services
from .forms import InterventionForm, ProgressForm, ReferralForm
from .models import Intervention


@login_required
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest, pk: int) -> HttpResponse:
    service = service_records(request, pk)
    form = InterventionForm(request.POST if request.method == "POST" else None)
    user = signed_in(request)
    if request.method == "POST" and handled(
        form,
        lambda: services.add_intervention(user, service, **form.cleaned_data),
        request,
        _("Intervention added to the register"),
    ):
        return redirect("interventions:register", pk)
    offered = list(Intervention.objects.filter(service=service).prefetch_related("referrals"))
    return render_own(
        request,
        service,
        "interventions/register.html",
        {
            "interventions": [
                (i, services.need_title(i.need), services.evaluate(i)) for i in offered
            ],
            "needs": services.needs_against_provision(service, timezone.localdate()),
            "form": form,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def intervention(request: HttpRequest, pk: int, intervention: int) -> HttpResponse:
    service = service_records(request, pk)
    item = get_object_or_404(Intervention, pk=intervention, service=service)
    which = request.POST.get("form") if request.method == "POST" else None
    referral_form = ReferralForm(
        request.POST if which == "refer" else None, prefix="refer", service=service
    )
    progress_form = ProgressForm(request.POST if which == "progress" else None, prefix="progress")
    user = signed_in(request)
    if which == "refer" and handled(
        referral_form,
        lambda: services.refer(
            user,
            item,
            case=referral_form.cleaned_data["case_ref"],
            referred_on=referral_form.cleaned_data["referred_on"],
        ),
        request,
        _("Referral recorded"),
    ):
        return redirect("interventions:intervention", pk, intervention)
    if which == "progress":
        referral = get_object_or_404(item.referrals, pk=posted_id(request.POST, "referral"))
        if handled(
            progress_form,
            lambda: services.record_progress(user, referral, **progress_form.cleaned_data),
            request,
            _("Progress recorded"),
        ):
            return redirect("interventions:intervention", pk, intervention)
    if which == "withdraw":
        services.set_active(user, item, not item.active)
        return redirect("interventions:intervention", pk, intervention)
    return render_own(
        request,
        service,
        "interventions/intervention.html",
        {
            "intervention": item,
            "need": services.need_title(item.need),
            "evaluation": services.evaluate(item),
            "referrals": item.referrals.select_related("case"),
            "referral_form": referral_form,
            "progress_form": progress_form,
            "which": which,
            "may_record": may(request.user, "service.casework.record", service),
        },
    )
