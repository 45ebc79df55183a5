"""Operations on the service's staffing records: each checks who may, refuses what cannot be
true (with a message naming the field), and is audited."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yjinspect.accounts.permissions import require
from yjinspect.audit.services import record
from yjinspect.engine.policy import service_policy
from yjinspect.services.models import YouthJusticeService

from .models import (
    Absence,
    Appointment,
    Post,
    StaffMember,
    SupervisionSession,
    TrainingRecord,
)


def _not_future(day: date, field: str) -> None:
    if day > timezone.localdate():
        raise ValidationError({field: _("The date cannot be in the future")})


def _same_service(service: YouthJusticeService, *records: Any) -> None:
    for item in records:
        if item is not None and item.service_id != service.pk:
            raise ValidationError(_("That choice is not valid: choose again from the page."))


@transaction.atomic
def add_staff_member(
    user: Any,
    service: YouthJusticeService,
    *,
    name: str,
    started_on: date,
    line_manager: StaffMember | None = None,
    case_manager: bool = False,
    experience_years: int = 0,
    skills: list[str] | None = None,
) -> StaffMember:
    require(user, "service.records.change", service)
    _same_service(service, line_manager)
    if StaffMember.objects.filter(service=service, name__iexact=name.strip()).exists():
        raise ValidationError({"name": _("Someone of that name is already recorded")})
    known = {skill.id for skill in service_policy().skills}
    if set(skills or ()) - known:
        raise ValidationError({"skills": _("Choose skills from the list")})
    person = StaffMember.objects.create(
        service=service,
        name=name.strip(),
        started_on=started_on,
        line_manager=line_manager,
        case_manager=case_manager,
        experience_years=experience_years,
        skills=sorted(set(skills or ())),
    )
    record(user, "staff.added", person, service=service.name, name=person.name)
    return person


@transaction.atomic
def change_staff_member(user: Any, person: StaffMember, **values: Any) -> StaffMember:
    """Change a person's line manager, whether they hold cases, experience and skills."""
    require(user, "service.records.change", person.service)
    line_manager = values.get("line_manager")
    _same_service(person.service, line_manager)
    if line_manager is not None and line_manager.pk == person.pk:
        raise ValidationError({"line_manager": _("Nobody is their own line manager")})
    values["skills"] = sorted(set(values.get("skills") or ()))
    if set(values["skills"]) - {skill.id for skill in service_policy().skills}:
        raise ValidationError({"skills": _("Choose skills from the list")})
    allowed = ("line_manager", "case_manager", "experience_years", "skills")
    before = {k: _plain(getattr(person, k)) for k in allowed}
    for key in allowed:
        setattr(person, key, values[key])
    person.save()
    after = {k: _plain(getattr(person, k)) for k in allowed}
    record(
        user,
        "staff.changed",
        person,
        before={k: v for k, v in before.items() if after[k] != v},
        after={k: v for k, v in after.items() if before[k] != v},
    )
    return person


def _plain(value: Any) -> Any:
    return str(value) if isinstance(value, StaffMember) else value


@transaction.atomic
def leaves(user: Any, person: StaffMember, left_on: date) -> None:
    """The person leaves the service: their appointments end the same day."""
    require(user, "service.records.change", person.service)
    if left_on < person.started_on:
        raise ValidationError({"ends_on": _("They cannot leave before they started")})
    person.left_on = left_on
    person.save(update_fields=["left_on"])
    person.appointments.filter(ends_on__isnull=True).update(ends_on=left_on)
    record(user, "staff.left", person, left_on=left_on)


@transaction.atomic
def add_post(user: Any, service: YouthJusticeService, **values: Any) -> Post:
    require(user, "service.records.change", service)
    post = Post.objects.create(service=service, **values)
    record(
        user,
        "post.added",
        post,
        title=post.title,
        kind=post.kind,
        agency=post.agency,
        seconded=post.seconded,
        hours_per_week=str(Decimal(post.hours_per_week)),
    )
    return post


@transaction.atomic
def close_post(user: Any, post: Post, ended_on: date) -> None:
    """The post leaves the establishment: no longer counted, nor its vacancy."""
    require(user, "service.records.change", post.service)
    if ended_on < post.established_on:
        raise ValidationError({"ends_on": _("A post cannot end before it was established")})
    if post.appointments.filter(ends_on__isnull=True).exists():
        raise ValidationError(
            {"ends_on": _("Someone still holds the post: end their appointment first")}
        )
    post.ended_on = ended_on
    post.save(update_fields=["ended_on"])
    record(user, "post.closed", post, ended_on=ended_on)


@transaction.atomic
def appoint(
    user: Any, post: Post, *, person: StaffMember, starts_on: date, cover: bool
) -> Appointment:
    require(user, "service.records.change", post.service)
    _same_service(post.service, person)
    if post.ended_on is not None:
        raise ValidationError(_("The post has been deleted from the establishment"))
    if starts_on < post.established_on:
        raise ValidationError(
            {
                "starts_on": _("The post was established on %(date)s: start on or after it")
                % {"date": post.established_on.strftime("%d/%m/%Y")}
            }
        )
    if starts_on < person.started_on or (person.left_on and starts_on >= person.left_on):
        raise ValidationError(
            {"starts_on": _("%(name)s does not work in the service then") % {"name": person.name}}
        )
    holding = (
        post.appointments.filter(cover=cover, ends_on__isnull=True).select_related("person").first()
    )
    if holding is not None:
        message = (
            _("%(name)s already covers this post: end their cover first")
            if cover
            else _("%(name)s already holds this post: end their appointment first")
        )
        raise ValidationError({"person": message % {"name": holding.person.name}})
    overlap = post.appointments.filter(cover=cover, ends_on__gt=starts_on).exists()
    if overlap:
        raise ValidationError(
            {"starts_on": _("Another appointment to this post runs past that date")}
        )
    appointment = Appointment.objects.create(
        post=post, person=person, starts_on=starts_on, cover=cover
    )
    record(
        user,
        "post.cover_started" if cover else "post.appointed",
        post,
        person=person.name,
        starts_on=starts_on,
    )
    return appointment


def _end(period: Appointment | Absence, ends_on: date, already: str) -> None:
    """End an open period (an appointment, an absence) the day given, after it started."""
    if period.ends_on is not None:
        raise ValidationError(already)
    if ends_on <= period.starts_on:
        raise ValidationError(
            {
                "ends_on": _("It must end after it started (%(date)s)")
                % {"date": period.starts_on.strftime("%d/%m/%Y")}
            }
        )
    period.ends_on = ends_on
    period.save(update_fields=["ends_on"])


@transaction.atomic
def end_appointment(user: Any, appointment: Appointment, ends_on: date) -> None:
    require(user, "service.records.change", appointment.post.service)
    _end(appointment, ends_on, _("That appointment has already ended"))
    record(
        user,
        "post.appointment_ended",
        appointment.post,
        person=appointment.person.name,
        ends_on=ends_on,
    )


@transaction.atomic
def record_absence(user: Any, person: StaffMember, *, starts_on: date, reason: str) -> Absence:
    require(user, "service.records.change", person.service)
    if person.absences.filter(ends_on__isnull=True).exists():
        raise ValidationError({"starts_on": _("They are already recorded as away: end that first")})
    absence = Absence.objects.create(person=person, starts_on=starts_on, reason=reason)
    record(user, "staff.absence_started", person, starts_on=starts_on, reason=reason)
    return absence


@transaction.atomic
def end_absence(user: Any, absence: Absence, ends_on: date) -> None:
    require(user, "service.records.change", absence.person.service)
    _end(absence, ends_on, _("That absence has already ended"))
    record(user, "staff.absence_ended", absence.person, ends_on=ends_on)


@transaction.atomic
def record_training(
    user: Any, person: StaffMember, *, kind: str, course: str, completed_on: date
) -> TrainingRecord:
    require(user, "service.records.change", person.service)
    _not_future(completed_on, "completed_on")
    done = TrainingRecord.objects.create(
        person=person, kind=kind, course=course, completed_on=completed_on
    )
    record(
        user, "staff.training_recorded", person, kind=kind, course=course, completed_on=completed_on
    )
    return done


@transaction.atomic
def record_supervision(
    user: Any, person: StaffMember, *, supervisor: StaffMember, held_on: date
) -> SupervisionSession:
    require(user, "service.records.change", person.service)
    _same_service(person.service, supervisor)
    if supervisor.pk == person.pk:
        raise ValidationError(
            {"supervisor": _("Nobody supervises themselves: choose the supervisor")}
        )
    _not_future(held_on, "held_on")
    if held_on < person.started_on:
        raise ValidationError(
            {
                "held_on": _("%(name)s started on %(date)s")
                % {"name": person.name, "date": person.started_on.strftime("%d/%m/%Y")}
            }
        )
    session = SupervisionSession.objects.create(
        person=person, supervisor=supervisor, held_on=held_on
    )
    record(user, "staff.supervised", person, supervisor=supervisor.name, held_on=held_on)
    return session
