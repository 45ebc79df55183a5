"""Published reports are public documents: anyone may read them, without signing in. Only
published versions are here; drafts stay behind the inspection's permissions."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from yjinspect.content_policy import inline_sources
from yjinspect.inspections.models import self_assessment_frameworks

from .models import PublishedReport


def _public() -> QuerySet[PublishedReport]:
    """Published inspection reports; a service's self-assessment is its own, never public."""
    return PublishedReport.objects.exclude(
        inspection__framework_id__in=self_assessment_frameworks()
    )


@require_GET
def report_list(request: HttpRequest) -> HttpResponse:
    """Every published version, newest first: the latest of each inspection at the top."""
    reports = (
        _public()
        .select_related("inspection__service")
        .defer("html", "pdf")
        .order_by(
            "inspection__service__name", "-inspection__fieldwork_start", "-version", "language"
        )
    )
    return render(request, "reports/public_list.html", {"reports": reports, "section": "reports"})


@require_GET
def report_page(request: HttpRequest, report_id: int) -> HttpResponse:
    report = get_object_or_404(_public().defer("pdf"), pk=report_id)
    response = HttpResponse(report.html)
    # The report carries its own styles: allowed by their hash, nothing else inline.
    response._csp_update = {"style-src": inline_sources(report.html, "style")}  # type: ignore[attr-defined]
    return response


@require_GET
def report_pdf(request: HttpRequest, report_id: int) -> HttpResponse:
    report = get_object_or_404(_public(), pk=report_id)
    response = HttpResponse(bytes(report.pdf), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="report-{report.inspection_id}-v{report.version}-{report.language}.pdf"'
    )
    return response
