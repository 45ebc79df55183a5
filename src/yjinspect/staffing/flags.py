"""What a manager must see on the staffing page: posts vacant or uncovered too long, statutory
secondments missing, supervision overdue and inductions not done — each against the thresholds
of the service policy, never numbers of its own."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils.translation import gettext as _

from yjinspect.engine.policy import ServicePolicy
from yjinspect.services.models import YouthJusticeService

from .models import (
    Appointment,
    Post,
    PostKind,
    StaffMember,
    SupervisionSession,
)


@dataclass(frozen=True)
class Flag:
    kind: str  # vacant, uncovered, secondment_missing, supervision_overdue, induction_missing
    message: str
    days: int | None = None


@dataclass
class PostState:
    """A post on a day: who holds it, whether it is done, since when it has not been."""

    post: Post
    holder: StaffMember | None = None
    cover: StaffMember | None = None
    vacant_since: date | None = None
    holder_absent_since: date | None = None
    flags: list[Flag] = field(default_factory=list)

    @property
    def undone_since(self) -> date | None:
        """Since when nobody in substance does the post (vacant, or its holder away)."""
        return self.vacant_since or self.holder_absent_since


@dataclass
class Supervisee:
    person: StaffMember
    last: date | None
    due: date
    overdue_days: int  # 0 when not overdue


def _vacant_since(post: Post, appointments: list[Appointment], day: date) -> date:
    substantive = [a for a in appointments if not a.cover and a.starts_on <= day]
    ended = [a.ends_on for a in substantive if a.ends_on is not None]
    return max(ended, default=post.established_on)


def post_states(service: YouthJusticeService, day: date, policy: ServicePolicy) -> list[PostState]:
    posts = list(
        Post.objects.filter(service=service, established_on__lte=day)
        .exclude(ended_on__lte=day)
        .prefetch_related("appointments__person__absences")
    )
    states = []
    for post in posts:
        appointments = list(post.appointments.all())
        state = PostState(post)
        current = [a for a in appointments if a.current_on(day)]
        state.holder = next((a.person for a in current if not a.cover), None)
        state.cover = next((a.person for a in current if a.cover), None)
        if state.holder is None:
            state.vacant_since = _vacant_since(post, appointments, day)
        else:
            away = [a for a in state.holder.absences.all() if a.current_on(day)]
            state.holder_absent_since = min((a.starts_on for a in away), default=None)
        _flag_post(state, day, policy)
        states.append(state)
    return states


def _flag_post(state: PostState, day: date, policy: ServicePolicy) -> None:
    if state.vacant_since is not None:
        days = (day - state.vacant_since).days
        if days > policy.vacant_after_days:
            state.flags.append(Flag("vacant", _("Vacant for %(days)d days") % {"days": days}, days))
    undone = state.undone_since
    if undone is not None and state.cover is None:
        days = (day - undone).days
        if days > policy.uncovered_after_days:
            state.flags.append(
                Flag("uncovered", _("Not covered for %(days)d days") % {"days": days}, days)
            )


def missing_secondments(states: list[PostState], policy: ServicePolicy) -> list[Flag]:
    """A statutory secondment with no post, or whose posts nobody holds or covers today."""
    flags = []
    for kind in policy.statutory_secondments:
        posts = [s for s in states if s.post.kind == kind and s.post.seconded]
        if not any(s.holder or s.cover for s in posts):
            label = PostKind(kind).label
            message = (
                _("No %(kind)s secondment is filled") if posts else _("No %(kind)s secondment")
            ) % {"kind": str(label).lower()}
            flags.append(Flag("secondment_missing", message))
    return flags


def supervision(
    service: YouthJusticeService, day: date, policy: ServicePolicy
) -> dict[StaffMember, list[Supervisee]]:
    """Each line manager's practitioners with their last session and when the next is due."""
    interval = timedelta(days=policy.supervision_interval_days)
    people = (
        StaffMember.objects.filter(service=service, line_manager__isnull=False, started_on__lte=day)
        .exclude(left_on__lte=day)
        .select_related("line_manager")
    )
    last: dict[int, date] = {}
    for person_id, held_on in SupervisionSession.objects.filter(
        person__service=service, held_on__lte=day
    ).values_list("person_id", "held_on"):
        last[person_id] = max(held_on, last.get(person_id, held_on))
    by_manager: dict[StaffMember, list[Supervisee]] = {}
    for person in people:
        held = last.get(person.pk)
        due = (held or person.started_on) + interval
        overdue = max(0, (day - due).days)
        assert person.line_manager is not None
        by_manager.setdefault(person.line_manager, []).append(
            Supervisee(person, held, due, overdue)
        )
    return by_manager


def supervision_flags(by_manager: dict[StaffMember, list[Supervisee]]) -> list[Flag]:
    flags = []
    for manager, people in by_manager.items():
        overdue = [p for p in people if p.overdue_days]
        if overdue:
            flags.append(
                Flag(
                    "supervision_overdue",
                    _("%(manager)s: supervision overdue for %(count)d of %(total)d people")
                    % {"manager": manager.name, "count": len(overdue), "total": len(people)},
                    max(p.overdue_days for p in overdue),
                )
            )
    return flags


def induction_flags(service: YouthJusticeService, day: date, policy: ServicePolicy) -> list[Flag]:
    cutoff = day - timedelta(days=policy.induction_within_days)
    missing = (
        StaffMember.objects.filter(service=service, started_on__lt=cutoff)
        .exclude(left_on__lte=day)
        .exclude(training__kind="induction")
    )
    return [
        Flag(
            "induction_missing",
            _("%(name)s has no induction recorded %(days)d days after starting")
            % {"name": person.name, "days": (day - person.started_on).days},
            (day - person.started_on).days,
        )
        for person in missing
    ]
