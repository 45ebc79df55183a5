"""Findings, domain summaries, the caseload profile, and recommendations."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from yjinspect.accounts.roles import signed_in
from yjinspect.context import content_language
from yjinspect.converters import posted_id
from yjinspect.engine.profile import headline
from yjinspect.fieldwork.models import EvidenceItem
from yjinspect.inspections import permissions

from . import services
from .forms import FindingForm, RecommendationForm, SummaryForm
from .models import DomainSummary, Finding, Recommendation


@login_required
@require_http_methods(["GET", "POST"])
def findings_page(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = permissions.inspection_for(request, pk, "findings.view")
    if request.method == "POST" and "remove" in request.POST:
        services.remove_finding(signed_in(request), inspection, posted_id(request.POST, "remove"))
        messages.success(request, _("Finding removed"))
        return redirect("findings:findings", pk)
    profile = services.profile_of(inspection)
    findings = Finding.objects.filter(inspection=inspection).prefetch_related("evidence")
    by_standard: dict[str, list[Finding]] = {}
    for finding in findings:
        by_standard.setdefault(finding.standard_id, []).append(finding)
    return render(
        request,
        "findings/findings.html",
        {
            "inspection": inspection,
            "framework": inspection.framework,
            "by_standard": by_standard,
            "profile": profile,
            "headline": headline(profile, content_language()),
            "summaries": {
                s.domain_id: s for s in DomainSummary.objects.filter(inspection=inspection)
            },
            "can_write": permissions.may(request.user, "findings.write", inspection),
            "section": "inspections",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def add_finding(request: HttpRequest, pk: int, standard_id: str) -> HttpResponse:
    inspection = permissions.inspection_for(request, pk, "findings.write")
    if not inspection.framework.has_standard(standard_id):
        raise Http404(_("No such standard"))
    standard = inspection.framework.standard(standard_id)
    evidence = EvidenceItem.objects.filter(inspection=inspection, standard_id=standard_id)
    form = FindingForm(
        request.POST or None, standard=standard, language=content_language(), evidence=evidence
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.add_finding(
                signed_in(request),
                inspection,
                standard_id,
                kind=form.cleaned_data["kind"],
                text=form.cleaned_data["text"],
                key_questions=list(form.cleaned_data["key_questions"]),
                evidence=list(form.cleaned_data["evidence"]),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Finding added"))
            return redirect("findings:findings", pk)
    return render(
        request,
        "findings/add_finding.html",
        {
            "inspection": inspection,
            "standard": standard,
            "form": form,
            "section": "inspections",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def domain_summary(request: HttpRequest, pk: int, domain_id: str) -> HttpResponse:
    inspection = permissions.inspection_for(request, pk, "findings.write")
    domain = next((d for d in inspection.framework.domains if d.id == domain_id), None)
    if domain is None:
        raise Http404(_("No such domain"))
    existing = DomainSummary.objects.filter(inspection=inspection, domain_id=domain_id).first()
    form = SummaryForm(
        request.POST or None,
        initial={"text": existing.text, "version": existing.version}
        if existing
        else {"version": 0},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.save_summary(
                signed_in(request),
                inspection,
                domain_id,
                form.cleaned_data["text"],
                form.cleaned_data["version"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Summary saved"))
            return redirect("findings:findings", pk)
    return render(
        request,
        "findings/summary.html",
        {
            "inspection": inspection,
            "domain": domain,
            "form": form,
            "section": "inspections",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def recommendations_page(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = permissions.inspection_for(request, pk, "findings.view")
    form = RecommendationForm(
        request.POST if "text" in request.POST else None,
        framework=inspection.framework,
        language=content_language(),
    )
    if request.method == "POST":
        user = signed_in(request)
        if "remove" in request.POST:
            # A refusal goes back to the page as a message (yjinspect.middleware).
            services.remove_recommendation(user, inspection, posted_id(request.POST, "remove"))
            messages.success(request, _("Recommendation removed"))
            return redirect("findings:recommendations", pk)
        try:
            if form.is_valid():
                services.add_recommendation(user, inspection, **form.cleaned_data)
                messages.success(request, _("Recommendation added"))
                return redirect("findings:recommendations", pk)
        except ValidationError as error:
            form.add_error(None, error)
    return render(
        request,
        "findings/recommendations.html",
        {
            "inspection": inspection,
            "form": form,
            "recommendations": Recommendation.objects.filter(inspection=inspection),
            "is_lead": permissions.may(request.user, "recommendations.write", inspection),
            "section": "inspections",
        },
    )
