"""Business operations on inspections, shared by pages, API and CLI: each checks who may do it
and records an audit event."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from yjinspect.accounts.models import SERVICE_ROLES, Role
from yjinspect.accounts.roles import role_of
from yjinspect.audit.services import record
from yjinspect.engine import get_framework
from yjinspect.services.models import YouthJusticeService

from . import lifecycle
from .models import TEAM_ROLES, Grant, Inspection, Status, StatusChange, TeamMember
from .permissions import require
from .signals import inspection_published


def leads_of(inspection: Inspection) -> list[User]:
    return [
        m.user
        for m in TeamMember.objects.filter(
            inspection=inspection, role=Role.LEAD_INSPECTOR
        ).select_related("user")
    ]


@transaction.atomic
def create_inspection(
    user: User,
    *,
    service: YouthJusticeService,
    framework_id: str,
    fieldwork_start: date,
    fieldwork_end: date,
) -> Inspection:
    require(user, "inspections.create")
    if get_framework(framework_id).is_self_assessment:  # an unknown framework is refused too
        raise ValidationError(_("A service assesses itself against that framework"))
    return open_inspection(
        user,
        service=service,
        framework_id=framework_id,
        fieldwork_start=fieldwork_start,
        fieldwork_end=fieldwork_end,
        lead=role_of(user) is Role.LEAD_INSPECTOR,
    )


def open_inspection(
    user: User,
    *,
    service: YouthJusticeService,
    framework_id: str,
    fieldwork_start: date,
    fieldwork_end: date,
    lead: bool,
    scope: list[str] | None = None,
) -> Inspection:
    """An inspection (or a self-assessment) at its first stage, its creator leading it when
    ``lead``; the caller has checked who may."""
    if fieldwork_end < fieldwork_start:
        raise ValidationError(_("Fieldwork must end on or after the day it starts"))
    inspection = Inspection.objects.create(
        service=service,
        framework_id=framework_id,
        fieldwork_start=fieldwork_start,
        fieldwork_end=fieldwork_end,
        created_by=user,
        scope=scope or [],
    )
    StatusChange.objects.create(inspection=inspection, to_status=Status.ANNOUNCED, by=user)
    if lead:
        TeamMember.objects.create(inspection=inspection, user=user, role=Role.LEAD_INSPECTOR)
    record(
        user,
        "inspection.created",
        inspection,
        inspection_id=inspection.pk,
        framework=framework_id,
        service=service.name,
        scope=scope or [],
    )
    return inspection


@transaction.atomic
def advance_status(user: User, inspection: Inspection, to_status: str) -> None:
    """Move the inspection on to its next stage, if what that needs is done (lifecycle.py)."""
    require(user, "inspection.lead", inspection)
    inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
    lifecycle.check_transition(inspection, to_status, lifecycle.Actor.LEAD)
    _move(user, inspection, to_status)


@transaction.atomic
def set_standard_titles(
    user: User, inspection: Inspection, titles: dict[str, tuple[str, str]]
) -> None:
    """Name the standards the framework leaves to each inspection (a joint inspection's themed
    area, e.g. "Interventions to reduce reoffending"), in English and Welsh."""
    require(user, "inspection.lead", inspection)
    lifecycle.check(inspection, lifecycle.Operation.NAME_STANDARDS)
    framework = get_framework(inspection.framework_id)
    named = {s.id for s in framework.titled_per_inspection}
    chosen: dict[str, dict[str, str]] = {}
    for sid, (english, welsh) in titles.items():
        if sid not in named:
            raise ValidationError(_("%(id)s takes the framework's own title") % {"id": sid})
        if not english.strip():
            raise ValidationError(_("Enter the title of %(id)s in English") % {"id": sid})
        chosen[sid] = {"en": english.strip(), "cy": welsh.strip()}
    before = inspection.standard_titles
    inspection.standard_titles = {**before, **chosen}
    inspection.save(update_fields=["standard_titles"])
    inspection.__dict__.pop("framework", None)  # the cached framework had the old titles
    record(
        user,
        "inspection.standards_named",
        inspection,
        inspection_id=inspection.pk,
        before=before,
        after=inspection.standard_titles,
    )


def mark_published(user: User, inspection: Inspection, ratings: dict[str, Any]) -> None:
    """Called by the publishing job, in its transaction, once both languages are saved: the
    inspection is published and its signed-off ratings become the published ones."""
    inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
    lifecycle.check_transition(inspection, Status.PUBLISHED, lifecycle.Actor.PUBLISHING)
    inspection.published_ratings = ratings
    inspection.save(update_fields=["published_ratings"])
    _move(user, inspection, Status.PUBLISHED)
    inspection_published.send(sender=Inspection, inspection=inspection)


def _move(user: User, inspection: Inspection, to_status: str) -> None:
    StatusChange.objects.create(
        inspection=inspection, from_status=inspection.status, to_status=to_status, by=user
    )
    record(
        user,
        "inspection.status_changed",
        inspection,
        inspection_id=inspection.pk,
        from_status=inspection.status,
        to_status=to_status,
    )
    inspection.status = to_status
    inspection.save(update_fields=["status"])


def check_date_between(value: date, earliest: date, latest: date, message: str) -> None:
    """Refuse an implausible date (a consent in 2099, an action due in 1900); ``message`` has
    %(earliest)s and %(latest)s for the range, shown as the pages show dates."""
    if not earliest <= value <= latest:
        raise ValidationError(
            message % {"earliest": f"{earliest:%d/%m/%Y}", "latest": f"{latest:%d/%m/%Y}"}
        )


def assign_team_member(user: User, inspection: Inspection, member: User, role: str) -> TeamMember:
    require(user, "team.change", inspection)
    lifecycle.check(inspection, lifecycle.Operation.CHANGE_TEAM)
    if role not in dict(team_roles(inspection)):
        raise ValidationError(_("Choose one of the roles offered"))
    if inspection.is_self_assessment:
        # A self-assessment is the service's own: only its people take part.
        if not team_people(inspection).filter(pk=member.pk).exists():
            raise ValidationError(
                _("Only the service's own people take part in its self-assessment")
            )
    elif role_of(member) in SERVICE_ROLES:
        raise ValidationError(_("People from the inspected service cannot join the team"))
    try:
        with transaction.atomic():
            team_member, _created = TeamMember.objects.update_or_create(
                inspection=inspection, user=member, defaults={"role": role}
            )
    except IntegrityError:  # added by someone else at the same moment
        raise ValidationError(
            _("%(person)s was added to the team at the same moment")
            % {"person": member.get_username()}
        ) from None
    record(
        user,
        "team.assigned",
        team_member,
        inspection_id=inspection.pk,
        member=member.get_username(),
        role=role,
    )
    return team_member


def _member_to_change(user: User, inspection: Inspection, member_id: int) -> TeamMember:
    """A member of the team, when the person may change the team now."""
    require(user, "team.change", inspection)
    lifecycle.check(inspection, lifecycle.Operation.CHANGE_TEAM)
    team_member = TeamMember.objects.filter(inspection=inspection, pk=member_id).first()
    if team_member is None:
        raise Http404(_("No such team member"))
    return team_member


def set_grants(user: User, inspection: Inspection, member_id: int, grants: list[str]) -> None:
    """What a partner inspector may do beyond their own cases (see permissions.Grant)."""
    team_member = _member_to_change(user, inspection, member_id)
    if team_member.role != Role.PARTNER_INSPECTOR:
        raise ValidationError(_("Only a partner inspector's permissions are set here"))
    unknown = set(grants) - set(Grant.values)
    if unknown:
        raise ValidationError(
            _("No such permission: %(names)s") % {"names": ", ".join(sorted(unknown))}
        )
    before = list(team_member.grants)
    team_member.grants = [grant for grant in Grant.values if grant in grants]
    team_member.save(update_fields=["grants"])
    record(
        user,
        "team.granted",
        team_member,
        inspection_id=inspection.pk,
        member=team_member.user.get_username(),
        before=before,
        after=team_member.grants,
    )


def remove_team_member(user: User, inspection: Inspection, member_id: int) -> None:
    team_member = _member_to_change(user, inspection, member_id)
    record(
        user,
        "team.removed",
        team_member,
        inspection_id=inspection.pk,
        member=team_member.user.get_username(),
    )
    team_member.delete()


def team_people(inspection: Inspection) -> QuerySet[Any]:
    """Who may join the team: the inspectorate's people, or for a self-assessment the
    service's own people who can still sign in."""
    if not inspection.is_self_assessment:
        return inspecting_people()
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            profile__service_id=inspection.service_id,
            profile__role__in=[r.value for r in SERVICE_ROLES],
        )
        .order_by("username")
    )


def team_roles(inspection: Inspection) -> list[tuple[str, Any]]:
    """The roles on the team: a self-assessment has a lead and assessors from the service."""
    if inspection.is_self_assessment:
        return [
            (Role.LEAD_INSPECTOR.value, _("Leads the self-assessment")),
            (Role.LOCAL_ASSESSOR.value, _("Assessor")),
        ]
    return list(TEAM_ROLES)


def inspecting_people() -> QuerySet[Any]:
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(Q(profile__role__in=[r.value for r in Role if r not in SERVICE_ROLES]))
        .order_by("username")
    )
