"""The ratings page (live from the engine), judgement standards, overrides and sign-off."""

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
from yjinspect.engine import Basis
from yjinspect.fieldwork import services as fieldwork
from yjinspect.fieldwork.forms import EvidenceForm
from yjinspect.fieldwork.models import Consent, EvidenceItem
from yjinspect.inspections import permissions
from yjinspect.inspections.pagecache import cached_inspection_page
from yjinspect.inspections.previous import previous_inspection

from . import services
from .forms import JudgementForm, OverrideForm
from .models import JudgementRating


@login_required
@cached_inspection_page
@require_http_methods(["GET", "POST"])
def ratings_page(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = permissions.inspection_for(request, pk, "ratings.view")
    language = content_language()
    framework = inspection.framework
    form = OverrideForm(request.POST or None, framework=framework, language=language)
    if request.method == "POST":
        user = signed_in(request)
        action = request.POST.get("action")
        try:
            if action == "sign_off":
                services.sign_off(user, inspection)
                messages.success(request, _("Ratings signed off"))
                return redirect("ratings:ratings", pk)
            if action == "remove_override":
                services.remove_override(user, inspection, request.POST.get("standard_id", ""))
                messages.success(request, _("Override removed"))
                return redirect("ratings:ratings", pk)
            if form.is_valid():
                services.set_override(user, inspection, **form.cleaned_data)
                messages.success(request, _("Override recorded"))
                return redirect("ratings:ratings", pk)
        except ValidationError as error:
            form.add_error(None, error)
    live = None if inspection.is_published else services.live_ratings(inspection, language)
    previous = previous_inspection(inspection, language)
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
    if not framework.has_standard(standard_id) or (
        framework.standard(standard_id).basis is not Basis.JUDGEMENT
    ):
        raise Http404(_("No such judgement standard"))
    standard = framework.standard(standard_id)
    language = content_language()
    existing = JudgementRating.objects.filter(
        inspection=inspection, standard_id=standard_id
    ).first()
    initial = (
        {"rating": existing.rating, "reasons": existing.reasons, "version": existing.version}
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
    elif rating_data is not None and form.is_valid():
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
            "existing": existing,
            "can_record": permissions.may(request.user, "judgement.record", inspection),
            "section": "inspections",
        },
    )
