"""The national picture's pages: the list of figures, each figure with its filters, chart,
table and CSV, and a service's history across framework versions."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from yjinspect.accounts.permissions import require
from yjinspect.accounts.roles import signed_in
from yjinspect.engine.policy import service_policy
from yjinspect.exports import csv_text
from yjinspect.inspections.pagecache import cached_page
from yjinspect.kpis.services import import_national_csv
from yjinspect.services.models import YouthJusticeService

from . import disproportionality, selection, version
from .disproportionality import Picture
from .figures import FIGURES, Figure, headlines, language, years_published
from .forms import (
    DisproportionalityForm,
    FiltersForm,
    IndicatorsForm,
    PopulationForm,
    WhereForm,
)
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
            "headlines": headlines(years[-1]) if years else [],
            "section": "national",
        },
    )


@login_required
@cached_page("national", version.current)
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


def _imported(
    upload: forms.Form,
    field: str,
    do_import: Callable[[User, str], int],
    request: HttpRequest,
) -> int | None:
    """An uploaded CSV read and imported (all or nothing): how many were imported, or None
    with the reasons on the form's field."""
    if not upload.is_valid():
        return None
    try:
        text = upload.cleaned_data[field].read().decode("utf-8-sig")
        return do_import(signed_in(request), text)
    except UnicodeDecodeError:
        upload.add_error(field, _("The file is not CSV text (UTF-8)"))
    except ValidationError as error:
        for message in error.messages:
            upload.add_error(field, message)
    return None


def _disproportionality(request: HttpRequest) -> tuple[DisproportionalityForm, Picture]:
    require(request.user, "national.view")
    form = DisproportionalityForm(request.GET or None)
    filters, year = form.chosen()
    return form, disproportionality.national(filters, year)


@login_required
@cached_page("national", version.current)
@require_http_methods(["GET", "POST"])
def disproportionality_page(request: HttpRequest) -> HttpResponse:
    form, picture = _disproportionality(request)
    upload = PopulationForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        require(request.user, "national.population.import")
        count = _imported(upload, "census", disproportionality.import_population, request)
        if count is not None:
            messages.success(
                request,
                ngettext(
                    "Census figures imported for %(n)d service",
                    "Census figures imported for %(n)d services",
                    count,
                )
                % {"n": count},
            )
            return redirect("national:disproportionality")
    return render(
        request,
        "national/disproportionality.html",
        {
            "form": form,
            "upload": upload,
            "error_form": upload if upload.errors else form,
            "picture": picture,
            "rows": disproportionality.rows(picture, language()),
            "suppressed": disproportionality.described(picture, language()),
            "columns": disproportionality.COLUMNS,
            "query": request.GET.urlencode(),
            "population": disproportionality.population_total(),
            "policy": service_policy(),
            "section": "national",
        },
    )


@login_required
@require_GET
def disproportionality_csv(request: HttpRequest) -> HttpResponse:
    _form, picture = _disproportionality(request)
    where = {key: request.GET.get(key, "") for key in ("nation", "region", "year")}
    body = disproportionality.export_csv(signed_in(request), picture, language(), where)
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="national-disproportionality.csv"'
    return response


def _ranking(request: HttpRequest) -> tuple[WhereForm, list[selection.Row], list[str]]:
    require(request.user, "national.view")
    form = WhereForm(request.GET or None)
    rows, quarters = selection.ranking(form.filters())
    return form, rows, quarters


@login_required
@cached_page("national", version.current)
@require_http_methods(["GET", "POST"])
def selection_page(request: HttpRequest) -> HttpResponse:
    form, rows, quarters = _ranking(request)
    upload = IndicatorsForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        require(request.user, "national.indicators.import")
        count = _imported(upload, "returns", import_national_csv, request)
        if count is not None:
            messages.success(
                request,
                ngettext("%(n)d figure imported", "%(n)d figures imported", count) % {"n": count},
            )
            return redirect("national:selection")
    shown_in = language()
    return render(
        request,
        "national/selection.html",
        {
            "form": form,
            "upload": upload,
            "error_form": upload if upload.errors else form,
            "rows": [
                (
                    row,
                    [
                        selection.reason_text(p, shown_in, row.last_overall)
                        for p in row.ranked.reasons[:REASONS_SHOWN]
                    ],
                )
                for row in rows
            ],
            "components": selection.policy().components,
            "total_weight": selection.policy().total_weight,
            "quarters": quarters,
            "query": request.GET.urlencode(),
            "language": shown_in,
            "section": "national",
        },
    )


REASONS_SHOWN = 3


@login_required
@require_GET
def selection_csv(request: HttpRequest) -> HttpResponse:
    _form, rows, _quarters = _ranking(request)
    shown_in = language()
    components = selection.policy().components
    header = [
        _("Rank"),
        _("Service"),
        _("Nation"),
        _("Region"),
        _("Priority score"),
        _("Last published"),
        *[f"{c.title.get(shown_in)} ({_('figure')})" for c in components],
        *[f"{c.title.get(shown_in)} ({_('points')})" for c in components],
    ]
    body = [
        [
            row.ranked.rank,
            row.service.name,
            row.service.get_nation_display(),
            row.service.get_region_display(),
            round(row.ranked.score, 1),
            row.last_published.isoformat() if row.last_published else "",
            *[None if p.value is None else round(p.value, 3) for p in row.ranked.parts],
            *[round(p.points, 1) for p in row.ranked.parts],
        ]
        for row in rows
    ]
    response = HttpResponse(csv_text(header, body), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="whom-to-inspect.csv"'
    return response
