"""The ratings page (live from the engine), judgement standards, overrides and sign-off."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from yjinspect.accounts.roles import signed_in
from yjinspect.audit.services import record_read
from yjinspect.cases.assessment import key_question_counts
from yjinspect.context import content_language
from yjinspect.engine import Basis, OverallMethod
from yjinspect.exports import csv_text, xlsx_bytes
from yjinspect.fieldwork import services as fieldwork
from yjinspect.fieldwork.forms import EvidenceForm
from yjinspect.fieldwork.models import Consent, EvidenceItem
from yjinspect.inspections import permissions
from yjinspect.inspections.pagecache import cached_inspection_page
from yjinspect.inspections.previous import previous_inspections

from . import services, tables
from .forms import JudgementForm, OverallForm, OverrideForm
from .models import JudgementRating


@login_required
@cached_inspection_page
@require_http_methods(["GET", "POST"])
def ratings_page(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = permissions.inspection_for(request, pk, "ratings.view")
    language = content_language()
    framework = inspection.framework
    action = request.POST.get("action") if request.method == "POST" else None
    form = OverrideForm(
        request.POST if action == "override" else None, framework=framework, language=language
    )
    live = None if inspection.is_published else services.live_ratings(inspection, language)
    recorded_overall = live.overall if live else None
    overall_form = OverallForm(
        request.POST if action == "overall" else None,
        prefix="overall",
        initial=(
            {
                "rating": recorded_overall.rating,
                "reasons": recorded_overall.reasons,
                "version": recorded_overall.version,
            }
            if recorded_overall
            else {"version": 0}
        ),
        framework=framework,
        language=language,
    )
    if request.method == "POST":
        user = signed_in(request)
        done = {
            "sign_off": _("Ratings signed off"),
            "remove_override": _("Override removed"),
            "override": (
                _("Recorded as not rated")
                if request.POST.get("rating") == "not_rated"
                else _("Override recorded")
            ),
            "overall": _("Overall rating recorded"),
        }
        try:
            if action == "sign_off":
                services.sign_off(user, inspection)
            elif action == "remove_override":
                services.remove_override(user, inspection, request.POST.get("standard_id", ""))
        except ValidationError as error:
            # No form of its own to show it on: said at the top of the page.
            messages.error(request, " ".join(error.messages))
            return redirect("ratings:ratings", pk)
        bound = overall_form if action == "overall" else form
        if action in ("overall", "override") and bound.is_valid():
            try:
                if action == "overall":
                    services.record_overall(user, inspection, **overall_form.cleaned_data)
                else:
                    services.set_override(user, inspection, **form.cleaned_data)
            except ValidationError as error:
                bound.add_error(None, error)
        if action in done and not bound.errors:
            messages.success(request, done[action])
            return redirect("ratings:ratings", pk)
        if action not in done:
            messages.error(request, _("Choose what to do"))
            return redirect("ratings:ratings", pk)
    previous = previous_inspections(inspection, language)
    return render(
        request,
        "ratings/ratings.html",
        {
            "inspection": inspection,
            "framework": framework,
            "live": live,
            "ratings": live.json if live else services.shown_ratings(inspection, language),
            "previous": previous,
            "form": form,
            "overall_form": overall_form,
            "error_form": overall_form if action == "overall" else form,
            "records_overall": framework.overall_method is OverallMethod.RECORDED_JUDGEMENT,
            "recorded_overall": recorded_overall,
            "blockers": live.blockers if live else [],
            "stale_overrides": live.stale_overrides if live else [],
            "is_lead": permissions.may(request.user, "ratings.rate", inspection),
            "section": "inspections",
        },
    )


@login_required
@cached_inspection_page
@require_http_methods(["GET", "POST"])
def judgement_page(request: HttpRequest, pk: int, standard_id: str) -> HttpResponse:
    """A judgement standard: its key questions, the evidence against each, the team's rating."""
    inspection = permissions.inspection_for(request, pk, "judgement.view")
    framework = inspection.framework
    if not framework.has_standard(standard_id):
        raise Http404(_("No such standard"))
    # Every standard has this page for its evidence (a victim's view, a meeting); only a
    # judgement standard is rated here: a case standard's rating comes from its cases.
    standard = framework.standard(standard_id)
    is_judgement = standard.basis is Basis.JUDGEMENT
    language = content_language()
    existing = JudgementRating.objects.filter(
        inspection=inspection, standard_id=standard_id
    ).first()
    initial = (
        {
            "rating": existing.rating,
            "not_rated_reason": existing.not_rated_reason,
            "reasons": existing.reasons,
            "version": existing.version,
        }
        if existing
        else {"version": 0}
    )
    # Two forms on one page: the evidence form is the one with a summary.
    adding_evidence = request.method == "POST" and "summary" in request.POST
    rating_data = request.POST if request.method == "POST" and not adding_evidence else None
    form = JudgementForm(rating_data, initial=initial, framework=framework, language=language)
    consents = Consent.objects.filter(inspection=inspection, withdrawn_at__isnull=True)
    evidence_form = EvidenceForm(
        request.POST if adding_evidence else None,
        standard=standard,
        language=language,
        consents=consents,
    )
    user = signed_in(request)
    if adding_evidence and evidence_form.is_valid():
        try:
            fieldwork.add_evidence(user, inspection, standard_id, **evidence_form.cleaned_data)
        except ValidationError as error:
            evidence_form.add_error(None, error)
        else:
            messages.success(request, _("Evidence recorded"))
            return redirect("ratings:judgement", pk, standard_id)
    elif rating_data is not None and is_judgement and form.is_valid():
        try:
            services.record_judgement(user, inspection, standard_id, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Rating recorded"))
            return redirect("ratings:ratings", pk)
    evidence = EvidenceItem.objects.filter(inspection=inspection, standard_id=standard_id)
    return render(
        request,
        "ratings/judgement.html",
        {
            "inspection": inspection,
            "standard": standard,
            "form": form,
            "evidence_form": evidence_form,
            "error_form": evidence_form if evidence_form.errors else form,
            "evidence": evidence.select_related("consent", "recorded_by"),
            "case_figures": (
                key_question_counts(inspection).get(standard_id, {})
                if standard.assessed_in_cases or not is_judgement
                else None
            ),
            "is_judgement": is_judgement,
            "existing": existing,
            "can_record": is_judgement
            and permissions.may(request.user, "judgement.record", inspection),
            "section": "inspections",
        },
    )


@login_required
@never_cache  # a draft's ratings are not kept on the way
@require_GET
def export(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """The ratings table and key-question results as CSV, Excel or JSON."""
    inspection = permissions.inspection_for(request, pk, "ratings.view")
    language = content_language()
    record_read(request.user, "ratings.exported", pk, format=kind)
    name = f"ratings-{pk}.{kind}"
    if kind == "json":
        body = json.dumps(tables.as_json(inspection, language), ensure_ascii=False, indent=1)
        response = HttpResponse(body, content_type="application/json")
    elif kind == "xlsx":
        response = HttpResponse(
            xlsx_bytes(_("Ratings"), tables.HEADER, tables.table(inspection, language)),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(
            csv_text(tables.HEADER, tables.table(inspection, language)),
            content_type="text/csv; charset=utf-8",
        )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
