"""Operations on the service's caseload: add a case, allocate it (from the suggestions, with a
reason when the first is passed over), close it. Each is audited."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yjinspect.accounts.permissions import require
from yjinspect.audit.services import record
from yjinspect.engine.policy import service_policy
from yjinspect.services.models import YouthJusticeService
from yjinspect.staffing.models import StaffMember

from .models import Allocation, ServiceCase
from .workload import suggest


@transaction.atomic
def add_case(user: Any, service: YouthJusticeService, **values: Any) -> ServiceCase:
    require(user, "service.records.change", service)
    if ServiceCase.objects.filter(service=service, case_ref__iexact=values["case_ref"]).exists():
        raise ValidationError({"case_ref": _("A case with this reference is already recorded")})
    case = ServiceCase.objects.create(service=service, **values)
    record(user, "service_case.added", case, case_ref=case.case_ref, disposal=case.disposal)
    return case


@transaction.atomic
def allocate(
    user: Any, case: ServiceCase, practitioner: StaffMember, override_reason: str = ""
) -> Allocation:
    """Give the case to a practitioner. Choosing anyone but the first suggestion needs a
    reason, kept with the ranking that was shown."""
    require(user, "service.records.change", case.service)
    case = ServiceCase.objects.select_for_update().get(pk=case.pk)
    if case.ends_on is not None:
        raise ValidationError(_("The case is closed: it cannot be allocated"))
    ranking = suggest(case, timezone.localdate(), service_policy())
    offered = {s.person.pk for s in ranking}
    if practitioner.pk not in offered:
        raise ValidationError(
            {"practitioner": _("Choose one of the case managers offered on the page")}
        )
    first = ranking[0].person
    override_reason = override_reason.strip()
    if practitioner.pk != first.pk and not override_reason:
        raise ValidationError(
            {
                "override_reason": _(
                    "Say why %(chosen)s rather than %(first)s, the first suggestion"
                )
                % {"chosen": practitioner.name, "first": first.name}
            }
        )
    before = case.case_manager.name if case.case_manager else None
    case.case_manager = practitioner
    case.save(update_fields=["case_manager"])
    allocation = Allocation.objects.create(
        case=case,
        practitioner=practitioner,
        suggested=first,
        ranking=[s.as_json() for s in ranking],
        override_reason=override_reason if practitioner.pk != first.pk else "",
        allocated_by=user,
    )
    record(
        user,
        "service_case.allocated",
        case,
        before={"case_manager": before},
        after={"case_manager": practitioner.name},
        suggested=first.name,
        override_reason=allocation.override_reason,
    )
    return allocation


@transaction.atomic
def close_case(user: Any, case: ServiceCase, ends_on: date) -> None:
    require(user, "service.records.change", case.service)
    if case.ends_on is not None:
        raise ValidationError(_("The case is already closed"))
    if ends_on < case.starts_on:
        raise ValidationError({"ends_on": _("A case cannot close before it started")})
    case.ends_on = ends_on
    case.save(update_fields=["ends_on"])
    record(user, "service_case.closed", case, ends_on=ends_on)


@transaction.atomic
def set_needs(user: Any, case: ServiceCase, needs: list[str]) -> None:
    """The case's needs from the service's assessment (ids from the policy's list)."""
    require(user, "service.casework.record", case.service)
    known = [n.id for n in service_policy().needs]
    if set(needs) - set(known):
        raise ValidationError({"needs": _("Choose needs from the list")})
    before = list(case.needs)
    case.needs = [n for n in known if n in set(needs)]
    case.save(update_fields=["needs"])
    record(user, "service_case.needs", case, before={"needs": before}, after={"needs": case.needs})
