"""Findings, domain summaries, the caseload profile, and recommendations."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from yjinspect.accounts.roles import signed_in
from yjinspect.context import content_language
from yjinspect.converters import posted_id
from yjinspect.engine.profile import headline
from yjinspect.fieldwork.models import EvidenceItem
from yjinspect.forms import add_errors
from yjinspect.inspections import permissions
from yjinspect.services.models import organisations_of
from yjinspect.values import value_name

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
    if request.method == "POST" and "move" in request.POST:
        finding = get_object_or_404(
            Finding, inspection=inspection, pk=posted_id(request.POST, "move")
        )
        services.move_finding(signed_in(request), finding, up=request.POST.get("up") == "1")
        messages.success(request, _("Finding moved"))
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
            "headline": headline(profile, content_language(), value_name),
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
    return _finding_form(request, inspection, standard_id, None)


@login_required
@require_http_methods(["GET", "POST"])
def change_finding(request: HttpRequest, pk: int, finding_id: int) -> HttpResponse:
    inspection = permissions.inspection_for(request, pk, "findings.write")
    finding = get_object_or_404(Finding, inspection=inspection, pk=finding_id)
    return _finding_form(request, inspection, finding.standard_id, finding)


def _finding_form(
    request: HttpRequest, inspection: Any, standard_id: str, finding: Finding | None
) -> HttpResponse:
    standard = inspection.framework.standard(standard_id)
    evidence = EvidenceItem.objects.filter(inspection=inspection, standard_id=standard_id)
    initial = (
        {
            "text": finding.text,
            "text_cy": finding.text_cy,
            "key_questions": finding.key_questions,
            "evidence": [e.pk for e in finding.evidence.all()],
            "version": finding.version,
        }
        if finding
        else None
    )
    form = FindingForm(
        request.POST or None,
        initial=initial,
        standard=standard,
        language=content_language(),
        evidence=evidence,
        editing=finding is not None,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {
            "text": data["text"],
            "text_cy": data["text_cy"],
            "key_questions": list(data["key_questions"]),
            "evidence": list(data["evidence"]),
        }
        try:
            if finding is None:
                services.add_finding(
                    signed_in(request), inspection, standard_id, kind=data["kind"], **fields
                )
            else:
                services.edit_finding(
                    signed_in(request), finding, version=data["version"], **fields
                )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Finding added") if finding is None else _("Finding saved"))
            return redirect("findings:findings", inspection.pk)
    return render(
        request,
        "findings/add_finding.html",
        {
            "inspection": inspection,
            "standard": standard,
            "finding": finding,
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
        initial={"text": existing.text, "text_cy": existing.text_cy, "version": existing.version}
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
                text_cy=form.cleaned_data["text_cy"],
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
        if "move" in request.POST:
            recommendation = get_object_or_404(
                Recommendation, inspection=inspection, pk=posted_id(request.POST, "move")
            )
            services.move_recommendation(user, recommendation, up=request.POST.get("up") == "1")
            messages.success(request, _("Recommendation moved"))
            return redirect("findings:recommendations", pk)
        if form.is_valid():
            try:
                services.add_recommendation(user, inspection, **form.cleaned_data)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Recommendation added"))
                return redirect("findings:recommendations", pk)
    return render(
        request,
        "findings/recommendations.html",
        {
            "inspection": inspection,
            "form": form,
            "recommendations": Recommendation.objects.filter(inspection=inspection),
            "organisations": organisations_of(inspection.service),
            "is_lead": permissions.may(request.user, "recommendations.write", inspection),
            "section": "inspections",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def change_recommendation(request: HttpRequest, pk: int, recommendation_id: int) -> HttpResponse:
    inspection = permissions.inspection_for(request, pk, "recommendations.write")
    recommendation = get_object_or_404(Recommendation, inspection=inspection, pk=recommendation_id)
    form = RecommendationForm(
        request.POST or None,
        initial={
            name: getattr(recommendation, name)
            for name in ("body", "body_name", "text", "text_cy", "standards", "version")
        },
        framework=inspection.framework,
        language=content_language(),
        editing=True,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_recommendation(signed_in(request), recommendation, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Recommendation saved"))
            return redirect("findings:recommendations", pk)
    return render(
        request,
        "findings/change_recommendation.html",
        {
            "inspection": inspection,
            "recommendation": recommendation,
            "form": form,
            "organisations": organisations_of(inspection.service),
            "section": "inspections",
        },
    )
