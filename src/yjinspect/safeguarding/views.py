"""Pages of information sharing and exploitation: notices (and whether they reached the case
manager in time), one notice, and exploitation screening with NRM referrals."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from yjinspect.accounts.permissions import may
from yjinspect.accounts.roles import signed_in
from yjinspect.converters import posted_id
from yjinspect.engine.policy import service_policy
from yjinspect.services.own_records import render_own, service_records
from yjinspect.staffing.views import handled

from . import services
from .forms import DecisionForm, NoticeForm, ReferralForm, ScreeningForm, SeenForm
from .models import ExploitationScreening, Notice, NrmReferral
from .timeliness import exploitation_flags, notice_flags, timeliness


def _case_values(form: NoticeForm | ScreeningForm | ReferralForm) -> dict[str, Any]:
    values = dict(form.cleaned_data)
    values.pop("case_ref")
    return values


@login_required
@require_http_methods(["GET", "POST"])
def notices(request: HttpRequest, pk: int) -> HttpResponse:
    service = service_records(request, pk)
    form = NoticeForm(request.POST if request.method == "POST" else None, service=service)
    user = signed_in(request)
    if request.method == "POST" and handled(
        form,
        lambda: services.record_notice(user, form.cleaned_data["case_ref"], **_case_values(form)),
        request,
        _("Notice recorded: the case manager should see it now"),
    ):
        return redirect("safeguarding:notices", pk)
    policy = service_policy()
    now = timezone.now()
    listed = list(
        Notice.objects.filter(case__service=service).select_related(
            "case__case_manager", "seen_by"
        )[:200]
    )
    today = timezone.localdate()
    return render_own(
        request,
        service,
        "safeguarding/notices.html",
        {
            "notices": [(n, notice_flags(n, now, policy)) for n in listed],
            "quarter": timeliness(service, today - timedelta(days=91), today, policy),
            "policy": policy,
            "form": form,
            "may_record": may(request.user, "service.safeguarding.record", service),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def notice(request: HttpRequest, pk: int, notice: int) -> HttpResponse:
    service = service_records(request, pk)
    the_notice = get_object_or_404(
        Notice.objects.select_related("case__case_manager", "seen_by"),
        pk=notice,
        case__service=service,
    )
    form = SeenForm(
        request.POST if request.method == "POST" else None,
        service=service,
        initial={"seen_by": the_notice.case.case_manager_id},
    )
    user = signed_in(request)
    if request.method == "POST" and handled(
        form,
        lambda: services.mark_seen(user, the_notice, **form.cleaned_data),
        request,
        _("Recorded as seen"),
    ):
        return redirect("safeguarding:notices", pk)
    return render_own(
        request,
        service,
        "safeguarding/notice.html",
        {
            "notice": the_notice,
            "flags": notice_flags(the_notice, timezone.now(), service_policy()),
            "form": form,
            "may_record": may(request.user, "service.safeguarding.record", service),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def exploitation(request: HttpRequest, pk: int) -> HttpResponse:
    service = service_records(request, pk)
    which = request.POST.get("form") if request.method == "POST" else None
    screening_form = ScreeningForm(
        request.POST if which == "screening" else None, prefix="screening", service=service
    )
    referral_form = ReferralForm(
        request.POST if which == "referral" else None, prefix="referral", service=service
    )
    decision_form = DecisionForm(request.POST if which == "decision" else None, prefix="decision")
    user = signed_in(request)
    if which == "screening" and handled(
        screening_form,
        lambda: services.record_screening(
            user, screening_form.cleaned_data["case_ref"], **_case_values(screening_form)
        ),
        request,
        _("Screening recorded"),
    ):
        return redirect("safeguarding:exploitation", pk)
    if which == "referral" and handled(
        referral_form,
        lambda: services.refer(
            user, referral_form.cleaned_data["case_ref"], **_case_values(referral_form)
        ),
        request,
        _("Referral recorded"),
    ):
        return redirect("safeguarding:exploitation", pk)
    if which == "decision":
        referral = get_object_or_404(
            NrmReferral, pk=posted_id(request.POST, "referral"), case__service=service
        )
        if handled(
            decision_form,
            lambda: services.decide(user, referral, **decision_form.cleaned_data),
            request,
            _("Decision recorded"),
        ):
            return redirect("safeguarding:exploitation", pk)
    return render_own(
        request,
        service,
        "safeguarding/exploitation.html",
        {
            "flags": exploitation_flags(service, timezone.localdate(), service_policy()),
            "screenings": ExploitationScreening.objects.filter(
                case__service=service
            ).select_related("case")[:200],
            "referrals": NrmReferral.objects.filter(case__service=service).select_related("case"),
            "screening_form": screening_form,
            "referral_form": referral_form,
            "decision_form": decision_form,
            "which": which,
            "may_record": may(request.user, "service.safeguarding.record", service),
        },
    )
