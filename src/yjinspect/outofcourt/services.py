"""Recording panels and decisions, checked against the policy's lists, audited; and the flags
an inspector would raise: a panel that was not multi-agency, a decision made short of the
information the policy says a panel needs."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from yjinspect.accounts.permissions import require
from yjinspect.audit.services import record
from yjinspect.casework.models import ServiceCase
from yjinspect.engine.policy import Choice, OutOfCourtPolicy, service_policy
from yjinspect.services.models import YouthJusticeService
from yjinspect.staffing.flags import Flag

from .models import Panel, PanelDecision


def titles(choices: tuple[Choice, ...], ids: list[str] | None = None) -> list[str]:
    """The titles of the chosen items (all when ``ids`` is None), in the active language."""
    language = "cy" if (get_language() or "").startswith("cy") else "en"
    wanted = None if ids is None else set(ids)
    return [c.title.get(language) for c in choices if wanted is None or c.id in wanted]


@transaction.atomic
def record_panel(
    user: Any, service: YouthJusticeService, *, held_on: date, agencies: list[str]
) -> Panel:
    require(user, "service.decisions.record", service)
    policy = service_policy().out_of_court
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": _("The date cannot be in the future")})
    if set(agencies) - {a.id for a in policy.agencies}:
        raise ValidationError({"agencies": _("Choose agencies from the list")})
    if not agencies:
        raise ValidationError({"agencies": _("Choose the agencies at the panel")})
    panel = Panel.objects.create(
        service=service, held_on=held_on, agencies=sorted(set(agencies)), recorded_by=user
    )
    record(user, "panel.recorded", panel, held_on=held_on, agencies=panel.agencies)
    return panel


@transaction.atomic
def record_decision(
    user: Any,
    panel: Panel,
    *,
    case: ServiceCase,
    information: list[str],
    outcome: str,
    reason: str,
) -> PanelDecision:
    require(user, "service.decisions.record", panel.service)
    policy = service_policy().out_of_court
    if case.service_id != panel.service_id:
        raise ValidationError({"case_ref": _("That case is not this service's")})
    if set(information) - {i.id for i in policy.information}:
        raise ValidationError({"information": _("Choose information from the list")})
    if outcome not in {o.id for o in policy.outcomes}:
        raise ValidationError({"outcome": _("Choose the outcome")})
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the decision")})
    if panel.decisions.filter(case=case).exists():
        raise ValidationError({"case_ref": _("This panel has already decided on that case")})
    decision = PanelDecision.objects.create(
        panel=panel,
        case=case,
        information=sorted(set(information)),
        outcome=outcome,
        reason=reason.strip(),
        recorded_by=user,
    )
    record(
        user,
        "panel.decided",
        decision,
        case_ref=case.case_ref,
        outcome=outcome,
        information=decision.information,
    )
    return decision


def panel_flags(panel: Panel, policy: OutOfCourtPolicy) -> list[Flag]:
    if policy.multi_agency(panel.agencies):
        return []
    return [
        Flag(
            "not_multi_agency",
            _("Not multi-agency: only %(agencies)s")
            % {"agencies": ", ".join(titles(policy.agencies, panel.agencies))},
        )
    ]


def decision_flags(decision: PanelDecision, policy: OutOfCourtPolicy) -> list[Flag]:
    missing = policy.missing_information(decision.information)
    if not missing:
        return []
    return [
        Flag(
            "information_missing",
            _("Decided without: %(items)s") % {"items": ", ".join(titles(missing))},
            len(missing),
        )
    ]


@dataclass(frozen=True)
class PanelSummary:
    """Panels and decisions between two dates, as the board pack reports them."""

    panels: int
    multi_agency: int
    decisions: int
    short_of_information: int
    outcomes: list[tuple[str, int]]


def summary(
    service: YouthJusticeService, start: date, end: date, policy: OutOfCourtPolicy
) -> PanelSummary:
    panels = list(Panel.objects.filter(service=service, held_on__gte=start, held_on__lte=end))
    decisions = list(PanelDecision.objects.filter(panel__in=panels))
    counted = Counter(d.outcome for d in decisions)
    names = dict(zip((o.id for o in policy.outcomes), titles(policy.outcomes), strict=True))
    return PanelSummary(
        panels=len(panels),
        multi_agency=sum(1 for p in panels if policy.multi_agency(p.agencies)),
        decisions=len(decisions),
        short_of_information=sum(1 for d in decisions if policy.missing_information(d.information)),
        outcomes=[(names.get(o, o), n) for o, n in counted.most_common()],
    )
