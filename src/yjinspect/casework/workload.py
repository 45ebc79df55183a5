"""Each case manager's workload (cases weighted by the service policy) and the ranked
suggestions for a new case: the skills it needs first, then the lightest load, then
experience. The ranking is explained, so a manager can see why and choose otherwise."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import get_language

from yjinspect.engine.policy import ServicePolicy, Skill
from yjinspect.staffing.models import StaffMember

from .models import ServiceCase


@dataclass
class Workload:
    person: StaffMember
    cases: int
    points: float  # weighted cases
    capacity: float  # weighted cases their hours allow
    away: bool

    @property
    def ratio(self) -> float:
        return self.points / self.capacity if self.capacity else float("inf")

    @property
    def percent(self) -> int:
        return round(self.ratio * 100)


@dataclass
class Suggestion:
    workload: Workload
    matched: tuple[Skill, ...]
    missing: tuple[Skill, ...]
    points_after: float

    @property
    def person(self) -> StaffMember:
        return self.workload.person

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.person.pk,
            "name": self.person.name,
            "matched": [s.id for s in self.matched],
            "missing": [s.id for s in self.missing],
            "points": round(self.workload.points, 2),
            "capacity": round(self.workload.capacity, 2),
        }


def skill_titles(skills: tuple[Skill, ...]) -> str:
    language = "cy" if (get_language() or "").startswith("cy") else "en"
    return ", ".join(skill.title.get(language) for skill in skills)


def workloads(service_id: int, day: date, policy: ServicePolicy) -> list[Workload]:
    """Every case manager working in the service on ``day``, heaviest load first."""
    people = (
        StaffMember.objects.filter(service_id=service_id, case_manager=True, started_on__lte=day)
        .exclude(left_on__lte=day)
        .prefetch_related("appointments__post", "absences")
    )
    open_cases = ServiceCase.objects.filter(
        Q(ends_on__isnull=True) | Q(ends_on__gt=day),
        service_id=service_id,
        case_manager__isnull=False,
        starts_on__lte=day,
    )
    points: dict[int, float] = {}
    counts: dict[int, int] = {}
    for case in open_cases:
        assert case.case_manager_id is not None
        points[case.case_manager_id] = points.get(case.case_manager_id, 0.0) + policy.case_weight(
            case.fields()
        )
        counts[case.case_manager_id] = counts.get(case.case_manager_id, 0) + 1
    found = []
    for person in people:
        hours = sum(
            (a.post.hours_per_week for a in person.appointments.all() if a.current_on(day)),
            Decimal(0),
        )
        found.append(
            Workload(
                person=person,
                cases=counts.get(person.pk, 0),
                points=points.get(person.pk, 0.0),
                capacity=policy.capacity(float(hours) if hours else policy.full_time_hours),
                away=any(a.current_on(day) for a in person.absences.all()),
            )
        )
    return sorted(found, key=lambda w: (-w.ratio, w.person.name))


def suggest(case: ServiceCase, day: date, policy: ServicePolicy) -> list[Suggestion]:
    """Case managers at work on ``day``, best first: fewest of the case's needed skills
    missing, then the lowest load once the case is added, then the most experience."""
    needed = policy.skills_needed(case.fields())
    weight = policy.case_weight(case.fields())
    suggestions = []
    for load in workloads(case.service_id, day, policy):
        if load.away:
            continue
        has = set(load.person.skills)
        suggestions.append(
            Suggestion(
                workload=load,
                matched=tuple(s for s in needed if s.id in has),
                missing=tuple(s for s in needed if s.id not in has),
                points_after=load.points + weight,
            )
        )
    return sorted(
        suggestions,
        key=lambda s: (
            len(s.missing),
            s.points_after / s.workload.capacity,
            -s.person.experience_years,
            s.person.name,
        ),
    )
