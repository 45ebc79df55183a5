"""The service's KPIs and national indicators over the last quarters; the returns upload."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from yjinspect.accounts.roles import signed_in
from yjinspect.engine.measures import measures
from yjinspect.quarters import recent_quarters
from yjinspect.services.own_records import render_own, service_records
from yjinspect.staffing.views import handled

from . import services
from .forms import ReturnsForm

QUARTERS_SHOWN = 4


@login_required
@require_http_methods(["GET", "POST"])
def kpis(request: HttpRequest, pk: int) -> HttpResponse:
    service = service_records(request, pk)
    form = ReturnsForm(request.POST or None, request.FILES or None)
    user = signed_in(request)
    if request.method == "POST" and handled(
        form,
        lambda: services.import_csv(user, service, form.cleaned_data["returns"]),
        request,
        _("KPI returns imported"),
    ):
        return redirect("kpis:kpis", pk)
    quarters = list(reversed(recent_quarters()[:QUARTERS_SHOWN]))
    return render_own(
        request,
        service,
        "kpis/kpis.html",
        {
            "quarters": quarters,
            "measures": measures(),
            "figures": services.figures(service, quarters),
            "form": form,
        },
    )


@login_required
@require_GET
def template(request: HttpRequest, pk: int) -> HttpResponse:
    service_records(request, pk)
    response = HttpResponse(services.template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="kpi-returns.csv"'
    return response
