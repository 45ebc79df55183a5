"""Pages of the service's caseload: workloads and open cases, and allocating a case."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import F, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from yjinspect.accounts.permissions import may
from yjinspect.accounts.roles import signed_in
from yjinspect.engine.policy import service_policy
from yjinspect.forms import add_errors
from yjinspect.services.own_records import render_own, service_records
from yjinspect.staffing.forms import EndForm
from yjinspect.staffing.models import StaffMember
from yjinspect.staffing.views import handled

from . import services
from .forms import AllocationForm, NeedsForm, ServiceCaseForm, need_choices
from .models import ServiceCase
from .workload import skill_titles, suggest, workloads


@login_required
@require_http_methods(["GET", "POST"])
def caseload(request: HttpRequest, pk: int) -> HttpResponse:
    service = service_records(request, pk)
    today = timezone.localdate()
    form = ServiceCaseForm(request.POST if request.method == "POST" else None, prefix="case")
    user = signed_in(request)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.add_case(user, service, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Case %(ref)s added: allocate it") % {"ref": case.case_ref})
            return redirect("casework:allocate", pk, case.pk)
    open_cases = (
        ServiceCase.objects.filter(Q(ends_on__isnull=True) | Q(ends_on__gt=today), service=service)
        .select_related("case_manager")
        .order_by(F("case_manager").asc(nulls_first=True), "case_ref")
    )
    policy = service_policy()
    loads = workloads(service.pk, today, policy)
    return render_own(
        request,
        service,
        "casework/caseload.html",
        {
            "cases": open_cases,
            "unallocated": [c for c in open_cases if c.case_manager_id is None],
            "workloads": loads,
            "policy": policy,
            "form": form,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def allocate(request: HttpRequest, pk: int, case: int) -> HttpResponse:
    service = service_records(request, pk)
    the_case = get_object_or_404(ServiceCase, pk=case, service=service)
    which = request.POST.get("form") if request.method == "POST" else None
    form = AllocationForm(request.POST if which == "allocate" else None, prefix="allocation")
    end_form = EndForm(request.POST if which == "close" else None, prefix="end")
    needs_form = NeedsForm(
        request.POST if which == "needs" else None,
        prefix="needs",
        initial={"needs": the_case.needs},
    )
    user = signed_in(request)
    if which == "needs" and handled(
        needs_form,
        lambda: services.set_needs(user, the_case, needs_form.cleaned_data["needs"]),
        request,
        _("Needs saved"),
    ):
        return redirect("casework:allocate", pk, case)
    if which == "allocate" and form.is_valid():
        chosen = StaffMember.objects.filter(
            service=service, pk=form.cleaned_data["practitioner"]
        ).first()
        try:
            if chosen is None:
                raise ValidationError(
                    {"practitioner": _("Choose one of the case managers offered on the page")}
                )
            services.allocate(user, the_case, chosen, form.cleaned_data["override_reason"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("%(ref)s allocated to %(name)s")
                % {"ref": the_case.case_ref, "name": chosen.name},
            )
            return redirect("casework:caseload", pk)
    if which == "close" and handled(
        end_form,
        lambda: services.close_case(user, the_case, end_form.cleaned_data["ends_on"]),
        request,
        _("Case closed"),
    ):
        return redirect("casework:caseload", pk)
    policy = service_policy()
    needed = policy.skills_needed(the_case.fields())
    return render_own(
        request,
        service,
        "casework/allocate.html",
        {
            "case": the_case,
            "needed": skill_titles(needed),
            "weight": policy.case_weight(the_case.fields()),
            "suggestions": suggest(the_case, timezone.localdate(), policy)
            if the_case.ends_on is None
            else [],
            "skill_titles": skill_titles,
            "history": the_case.allocations.select_related(
                "practitioner", "suggested", "allocated_by"
            ),
            "form": form,
            "end_form": end_form,
            "needs_form": needs_form,
            "need_names": [title for need, title in need_choices() if need in the_case.needs],
            "may_record": may(request.user, "service.casework.record", service),
            "which": which,
        },
    )
