"""Thin views: parse the request, call services, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from yjinspect.accounts.roles import signed_in
from yjinspect.converters import posted_id

from . import lifecycle, overview, permissions, services
from .forms import InspectionForm, StandardTitlesForm, TeamMemberForm
from .models import Grant, Status
from .pagecache import cached_inspection_page


@login_required
def inspection_list(request: HttpRequest) -> HttpResponse:
    inspections = permissions.visible_inspections(request.user)
    return render(
        request,
        "inspections/list.html",
        {
            "inspections": inspections,
            "can_create": permissions.may(request.user, "inspections.create"),
            "section": "inspections",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def inspection_create(request: HttpRequest) -> HttpResponse:
    permissions.require(request.user, "inspections.create")
    form = InspectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        inspection = services.create_inspection(signed_in(request), **form.cleaned_data)
        messages.success(request, _("Inspection created"))
        return redirect("inspections:detail", inspection.pk)
    return render(request, "inspections/create.html", {"form": form, "section": "inspections"})


@login_required
@cached_inspection_page
def inspection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = permissions.inspection_for(request, pk, "inspection.view")
    is_lead = permissions.may(request.user, "inspection.lead", inspection)
    transition = lifecycle.next_transition(inspection)
    return render(
        request,
        "inspections/detail.html",
        {
            "inspection": inspection,
            "history": list(inspection.status_changes.select_related("by")),
            "stages": list(Status),
            "current": list(Status).index(Status(inspection.status)),
            "transition": transition,
            "missing": lifecycle.unmet(inspection, transition) if transition and is_lead else [],
            "tz": timezone.get_current_timezone(),
            "is_lead": is_lead,
            "team": inspection.team.select_related("user"),
            **overview.panels(inspection),
            "section": "inspections",
        },
    )


@login_required
@require_POST
def inspection_advance(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = permissions.inspection_for(request, pk, "inspection.lead")
    try:
        services.advance_status(signed_in(request), inspection, request.POST.get("to_status", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Stage updated"))
    return redirect("inspections:detail", pk)


@login_required
@cached_inspection_page
@require_http_methods(["GET", "POST"])
def inspection_team(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = permissions.inspection_for(request, pk, "team.view")
    form = TeamMemberForm(
        request.POST or None,
        people=services.team_people(inspection),
        roles=services.team_roles(inspection),
    )
    if request.method == "POST":
        permissions.require(request.user, "team.change", inspection)
        if "grants" in request.POST:
            member_id = posted_id(request.POST, "grants")
            services.set_grants(
                signed_in(request),
                inspection,
                member_id,
                request.POST.getlist(f"grants-{member_id}"),
            )
            messages.success(request, _("Permissions saved"))
            return redirect("inspections:team", pk)
        if "remove" in request.POST:
            services.remove_team_member(
                signed_in(request), inspection, posted_id(request.POST, "remove")
            )
            messages.success(request, _("Removed from the team"))
            return redirect("inspections:team", pk)
        if form.is_valid():
            try:
                services.assign_team_member(
                    signed_in(request),
                    inspection,
                    form.cleaned_data["user"],
                    form.cleaned_data["role"],
                )
            except ValidationError as error:
                form.add_error("user", error)
            else:
                messages.success(request, _("Team updated"))
                return redirect("inspections:team", pk)
    return render(
        request,
        "inspections/team.html",
        {
            "inspection": inspection,
            "team": inspection.team.select_related("user"),
            "form": form,
            "grants": Grant.choices,
            "role_names": dict(services.team_roles(inspection)),
            "section": "inspections",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def inspection_titles(request: HttpRequest, pk: int) -> HttpResponse:
    """The lead names the standards the framework leaves to each inspection (a themed area)."""
    inspection = permissions.inspection_for(request, pk, "inspection.lead")
    form = StandardTitlesForm(request.POST or None, inspection=inspection)
    if request.method == "POST" and form.standards and form.is_valid():
        try:
            services.set_standard_titles(signed_in(request), inspection, form.titles())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Themed area named"))
            return redirect("inspections:detail", pk)
    return render(
        request,
        "inspections/titles.html",
        {
            "inspection": inspection,
            "form": form,
            "may_change": lifecycle.allows(inspection, lifecycle.Operation.NAME_STANDARDS),
            "section": "inspections",
        },
    )
