"""The report in the browser and as PDF; publishing; published versions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from yjinspect.accounts.roles import signed_in
from yjinspect.audit.services import record_read
from yjinspect.content_policy import inline_sources
from yjinspect.context import content_language
from yjinspect.converters import posted_id
from yjinspect.forms import add_errors
from yjinspect.inspections import permissions

from . import accuracy, content, services
from .forms import AccuracyCommentForm, ReportContentForm
from .models import AccuracyComment, PublishedReport, PublishJob


def _audit_draft_read(request: HttpRequest, pk: int, kind: str) -> None:
    record_read(request.user, "report.draft_read", pk, format=kind, language=_language(request))


def _language(request: HttpRequest) -> str:
    language = request.GET.get("lang") or content_language()
    if language not in services.LANGUAGES:
        raise Http404(_("No report in that language"))
    return language


@login_required
@require_http_methods(["GET", "POST"])
def report_page(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = permissions.inspection_for(request, pk, "report.view")
    existing = content.content_of(inspection)
    writing = request.method == "POST" and request.POST.get("form") == "content"
    form = ReportContentForm(
        request.POST if writing else None,
        initial={
            name: getattr(existing, name)
            for name in ("foreword", "foreword_cy", "overall", "overall_cy", "welsh", "version")
        },
    )
    if writing and form.is_valid():
        try:
            content.save_content(signed_in(request), inspection, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The report's text is saved"))
            return redirect("reports:report", pk)
    elif request.method == "POST" and not writing:
        try:
            services.start_publishing(
                signed_in(request), inspection, request.POST.get("reason", "")
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("reports:report", pk)
    job = services.latest_job(inspection)
    languages = content.languages_of(inspection)
    return render(
        request,
        "reports/page.html",
        {
            "inspection": inspection,
            "section": "inspections",
            "published": PublishedReport.objects.filter(inspection=inspection).defer("html", "pdf"),
            "is_lead": permissions.may(request.user, "report.publish", inspection),
            "correction": services.is_correction(inspection),
            "job": job,
            "form": form,
            "languages": languages,
            "missing_welsh": content.missing_welsh(inspection) if "cy" in languages else [],
            "in_wales": inspection.service.nation == "wales",
        },
    )


@login_required
@never_cache
def publishing_progress(request: HttpRequest, pk: int) -> JsonResponse:
    """The latest publishing's progress, for the report page's live region."""
    inspection = permissions.inspection_for(request, pk, "report.view")
    job = services.latest_job(inspection)
    if job is None:
        raise Http404(_("Nothing is being published"))
    text = (
        _("Publishing: %(done)s of %(total)s steps done.")
        % {"done": job.steps_done, "total": job.steps_total}
        if job.state == PublishJob.State.RUNNING
        else str(job.get_state_display())
    )
    return JsonResponse(
        {"state": job.state, "done": job.steps_done, "total": job.steps_total, "text": text}
    )


@login_required
@never_cache  # a draft is not public: no copy kept by the browser or anything between
def draft_html(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = permissions.inspection_for(request, pk, "report.view_draft")
    html = services.render_html(inspection, _language(request))
    _audit_draft_read(request, inspection.pk, "html")
    response = HttpResponse(html)
    # The report is one self-contained document (its styles travel with it into the PDF and
    # the archive): its own <style> is allowed by hash, and nothing else inline.
    response._csp_update = {"style-src": inline_sources(html, "style")}  # type: ignore[attr-defined]
    return response


@login_required
@never_cache
def draft_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = permissions.inspection_for(request, pk, "report.view_draft")
    language = _language(request)
    pdf = services.render_pdf(services.render_html(inspection, language))
    _audit_draft_read(request, inspection.pk, "pdf")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="draft-report-{pk}-{language}.pdf"'
    return response


@login_required
def published_pdf(request: HttpRequest, pk: int, report_id: int) -> HttpResponse:
    inspection = permissions.inspection_for(request, pk, "report.view_published")
    report = get_object_or_404(PublishedReport, pk=report_id, inspection=inspection)
    response = HttpResponse(bytes(report.pdf), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="report-{pk}-v{report.version}-{report.language}.pdf"'
    )
    return response


@login_required
@require_http_methods(["GET", "POST"])
def accuracy_page(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = permissions.inspection_for(request, pk, "accuracy.view")
    user = signed_in(request)
    paragraphs = accuracy.report_paragraphs(inspection, content_language())
    deciding = request.method == "POST" and "decide" in request.POST
    form = AccuracyCommentForm(
        request.POST if request.method == "POST" and not deciding else None,
        paragraphs=paragraphs,
    )
    if deciding:
        made = get_object_or_404(
            AccuracyComment, inspection=inspection, pk=posted_id(request.POST, "decide")
        )
        try:
            accuracy.decide(
                user, made, request.POST.get("decision", ""), request.POST.get("reason", "")
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Decision recorded"))
        return redirect("reports:accuracy", pk)
    if request.method == "POST" and form.is_valid():
        try:
            accuracy.comment(user, inspection, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Comment sent to the lead inspector"))
            return redirect("reports:accuracy", pk)
    return render(
        request,
        "reports/accuracy.html",
        {
            "inspection": inspection,
            "form": form,
            "labels": dict(paragraphs),
            "comments": AccuracyComment.objects.filter(inspection=inspection).select_related("by"),
            "is_lead": permissions.may(user, "accuracy.decide", inspection),
            "can_comment": permissions.may(user, "accuracy.comment", inspection),
            "section": "inspections",
        },
    )
