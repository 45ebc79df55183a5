"""The national picture's pages: the list of figures, each figure with its filters, chart,
table and CSV, and a service's history across framework versions."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from yjinspect.accounts.permissions import require
from yjinspect.exports import csv_text
from yjinspect.services.models import YouthJusticeService

from .figures import FIGURES, Figure, years_published
from .forms import FiltersForm
from .history import history
from .models import PublishedInspection


def _figure(request: HttpRequest, figure_id: str) -> Figure:
    require(request.user, "national.view")
    if figure_id not in FIGURES:
        raise Http404
    return FIGURES[figure_id]


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    require(request.user, "national.view")
    years = years_published()
    return render(
        request,
        "national/index.html",
        {
            "figures": FIGURES.values(),
            "inspections": PublishedInspection.objects.count(),
            "services": PublishedInspection.objects.values("service").distinct().count(),
            "years": (years[0], years[-1]) if years else None,
            "section": "national",
        },
    )


@login_required
@require_GET
def figure(request: HttpRequest, figure_id: str) -> HttpResponse:
    shown = _figure(request, figure_id)
    form = FiltersForm(request.GET or None)
    filters = form.filters() if request.GET else FiltersForm({}).filters()
    return render(
        request,
        "national/figure.html",
        {
            "figure": shown,
            "form": form,
            "table": shown.compute(filters),
            "query": filters.query(),
            "section": "national",
        },
    )


@login_required
@require_GET
def figure_csv(request: HttpRequest, figure_id: str) -> HttpResponse:
    shown = _figure(request, figure_id)
    table = shown.compute(FiltersForm(request.GET).filters())
    response = HttpResponse(
        csv_text(table.columns, table.rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="national-{shown.id}.csv"'
    return response


@login_required
@require_GET
def service_history(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "national.view")
    service = get_object_or_404(YouthJusticeService, pk=pk)
    return render(
        request,
        "national/history.html",
        {"service": service, "history": history(service), "section": "national"},
    )


@login_required
@require_GET
def services(request: HttpRequest) -> HttpResponse:
    """Every service with something published: the way into each one's history."""
    require(request.user, "national.view")
    rows = (
        YouthJusticeService.objects.filter(published_inspections__isnull=False)
        .distinct()
        .order_by("name")
    )
    return render(request, "national/services.html", {"services": rows, "section": "national"})
