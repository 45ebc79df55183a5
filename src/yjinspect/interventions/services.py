"""The register's operations (add an intervention, refer a child, record how it went, a case's
needs), checked and audited; and the two views a manager and a board need: how each
intervention is doing, and the caseload's needs against what is offered."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from yjinspect.accounts.permissions import require
from yjinspect.audit.services import record
from yjinspect.casework.models import ServiceCase
from yjinspect.engine.policy import Choice, service_policy
from yjinspect.services.models import YouthJusticeService

from .models import Intervention, Referral


def need_title(need_id: str) -> str:
    language = "cy" if (get_language() or "").startswith("cy") else "en"
    found = next((n for n in service_policy().needs if n.id == need_id), None)
    return found.title.get(language) if found else need_id


def _known_need(need: str, field: str) -> None:
    if need not in {n.id for n in service_policy().needs}:
        raise ValidationError({field: _("Choose needs from the list")})


@transaction.atomic
def add_intervention(user: Any, service: YouthJusticeService, **values: Any) -> Intervention:
    require(user, "service.records.change", service)
    _known_need(values["need"], "need")
    if Intervention.objects.filter(service=service, name__iexact=values["name"].strip()).exists():
        raise ValidationError({"name": _("An intervention of that name is already registered")})
    intervention = Intervention.objects.create(service=service, **values)
    record(
        user,
        "intervention.added",
        intervention,
        name=intervention.name,
        need=intervention.need,
        provider=intervention.provider,
    )
    return intervention


@transaction.atomic
def set_active(user: Any, intervention: Intervention, active: bool) -> None:
    require(user, "service.records.change", intervention.service)
    intervention.active = active
    intervention.save(update_fields=["active"])
    record(user, "intervention.offered" if active else "intervention.withdrawn", intervention)


@transaction.atomic
def refer(
    user: Any, intervention: Intervention, *, case: ServiceCase, referred_on: date
) -> Referral:
    require(user, "service.casework.record", intervention.service)
    if case.service_id != intervention.service_id:
        raise ValidationError({"case_ref": _("That case is not this service's")})
    if not intervention.active:
        raise ValidationError(_("The intervention is no longer offered"))
    if referred_on > timezone.localdate():
        raise ValidationError({"referred_on": _("The date cannot be in the future")})
    if intervention.referrals.filter(case=case, outcome=Referral.Outcome.ONGOING).exists():
        raise ValidationError({"case_ref": _("The child is already referred and it is ongoing")})
    referral = Referral.objects.create(
        intervention=intervention, case=case, referred_on=referred_on, recorded_by=user
    )
    record(
        user,
        "intervention.referred",
        referral,
        case_ref=case.case_ref,
        intervention=intervention.name,
    )
    return referral


@transaction.atomic
def record_progress(
    user: Any,
    referral: Referral,
    *,
    started_on: date | None,
    ended_on: date | None,
    outcome: str,
) -> None:
    require(user, "service.casework.record", referral.intervention.service)
    today = timezone.localdate()
    if outcome not in Referral.Outcome.values:
        raise ValidationError({"outcome": _("Choose the outcome")})
    if any(d and d > today for d in (started_on, ended_on)):
        raise ValidationError(_("The date cannot be in the future"))
    if started_on and started_on < referral.referred_on:
        raise ValidationError({"started_on": _("It cannot start before the referral")})
    if ended_on and started_on and ended_on < started_on:
        raise ValidationError({"ended_on": _("It cannot end before it started")})
    ended = outcome in (Referral.Outcome.COMPLETED, Referral.Outcome.NOT_COMPLETED)
    if ended and not (started_on and ended_on):
        raise ValidationError({"ended_on": _("Give the dates it started and ended")})
    if outcome == Referral.Outcome.ONGOING and ended_on:
        raise ValidationError({"outcome": _("It has an end date: choose how it ended")})
    before = {
        "started_on": referral.started_on,
        "ended_on": referral.ended_on,
        "outcome": referral.outcome,
    }
    referral.started_on, referral.ended_on, referral.outcome = started_on, ended_on, outcome
    referral.save()
    record(
        user,
        "intervention.progress",
        referral,
        before=before,
        after={"started_on": started_on, "ended_on": ended_on, "outcome": outcome},
    )


@dataclass(frozen=True)
class Evaluation:
    """How an intervention is doing: what became of its referrals."""

    referrals: int
    started: int
    completed: int
    not_completed: int
    declined: int
    ongoing: int
    median_days_to_start: float | None

    @property
    def completion_percent(self) -> int | None:
        ended = self.completed + self.not_completed
        return round(100 * self.completed / ended) if ended else None


def evaluate(intervention: Intervention) -> Evaluation:
    referrals = list(intervention.referrals.all())
    waits = [(r.started_on - r.referred_on).days for r in referrals if r.started_on]
    outcome = Referral.Outcome
    return Evaluation(
        referrals=len(referrals),
        started=len(waits),
        completed=sum(1 for r in referrals if r.outcome == outcome.COMPLETED),
        not_completed=sum(1 for r in referrals if r.outcome == outcome.NOT_COMPLETED),
        declined=sum(1 for r in referrals if r.outcome == outcome.DECLINED),
        ongoing=sum(1 for r in referrals if r.outcome == outcome.ONGOING),
        median_days_to_start=statistics.median(waits) if waits else None,
    )


@dataclass(frozen=True)
class NeedRow:
    need: Choice
    title: str
    children: int  # open cases with the need
    referred: int  # of them, with any referral for it
    offered: list[str]  # active interventions meeting it

    @property
    def gap(self) -> bool:
        return self.children > 0 and not self.offered


def needs_against_provision(service: YouthJusticeService, day: date) -> list[NeedRow]:
    open_cases = list(
        ServiceCase.objects.filter(
            Q(ends_on__isnull=True) | Q(ends_on__gt=day), service=service, starts_on__lte=day
        )
    )
    offered: dict[str, list[str]] = {}
    for item in Intervention.objects.filter(service=service, active=True):
        offered.setdefault(item.need, []).append(item.name)
    referred = set(
        Referral.objects.filter(intervention__service=service).values_list(
            "case_id", "intervention__need"
        )
    )
    rows = []
    for need in service_policy().needs:
        with_need = [c for c in open_cases if need.id in c.needs]
        rows.append(
            NeedRow(
                need=need,
                title=need_title(need.id),
                children=len(with_need),
                referred=sum(1 for c in with_need if (c.pk, need.id) in referred),
                offered=offered.get(need.id, []),
            )
        )
    return rows
