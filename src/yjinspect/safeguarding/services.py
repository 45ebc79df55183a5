"""Recording notices, their reaching the case manager, screenings, referrals and decisions:
each checked (times in order, nothing in the future, the service's own cases and people) and
audited."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yjinspect.accounts.permissions import require
from yjinspect.audit.services import record
from yjinspect.casework.models import ServiceCase
from yjinspect.staffing.models import StaffMember

from .models import Decision, ExploitationScreening, Notice, NrmReferral


def _not_future(moment: datetime | date, field: str) -> None:
    now = timezone.now() if isinstance(moment, datetime) else timezone.localdate()
    if moment > now:
        raise ValidationError({field: _("The date cannot be in the future")})


@transaction.atomic
def record_notice(
    user: Any,
    case: ServiceCase,
    *,
    kind: str,
    from_agency: str,
    occurred_at: datetime,
    received_at: datetime,
    summary: str = "",
) -> Notice:
    require(user, "service.safeguarding.record", case.service)
    _not_future(received_at, "received_at")
    if occurred_at > received_at:
        raise ValidationError({"received_at": _("It cannot reach the service before it happened")})
    notice = Notice.objects.create(
        case=case,
        kind=kind,
        from_agency=from_agency,
        occurred_at=occurred_at,
        received_at=received_at,
        summary=summary,
        recorded_by=user,
    )
    record(
        user,
        "notice.recorded",
        notice,
        case_ref=case.case_ref,
        kind=kind,
        from_agency=from_agency,
        occurred_at=occurred_at,
        received_at=received_at,
    )
    return notice


@transaction.atomic
def mark_seen(user: Any, notice: Notice, *, seen_by: StaffMember, seen_at: datetime) -> None:
    """The case manager (or whoever holds the case) has read the notice."""
    require(user, "service.safeguarding.record", notice.case.service)
    if seen_by.service_id != notice.case.service_id:
        raise ValidationError({"seen_by": _("Choose someone of this service")})
    if notice.seen_at is not None:
        raise ValidationError(_("It is already recorded as seen"))
    _not_future(seen_at, "seen_at")
    if seen_at < notice.received_at:
        raise ValidationError({"seen_at": _("It cannot be seen before the service received it")})
    notice.seen_at, notice.seen_by = seen_at, seen_by
    notice.save(update_fields=["seen_at", "seen_by"])
    record(user, "notice.seen", notice, seen_by=seen_by.name, seen_at=seen_at)


@transaction.atomic
def record_screening(
    user: Any, case: ServiceCase, *, screened_on: date, outcome: str
) -> ExploitationScreening:
    require(user, "service.safeguarding.record", case.service)
    _not_future(screened_on, "screened_on")
    screening = ExploitationScreening.objects.create(
        case=case, screened_on=screened_on, outcome=outcome, recorded_by=user
    )
    record(user, "exploitation.screened", screening, case_ref=case.case_ref, outcome=outcome)
    return screening


@transaction.atomic
def refer(user: Any, case: ServiceCase, *, referred_on: date, first_responder: str) -> NrmReferral:
    require(user, "service.safeguarding.record", case.service)
    _not_future(referred_on, "referred_on")
    referral = NrmReferral.objects.create(
        case=case, referred_on=referred_on, first_responder=first_responder, recorded_by=user
    )
    record(user, "nrm.referred", referral, case_ref=case.case_ref, referred_on=referred_on)
    return referral


@transaction.atomic
def decide(
    user: Any, referral: NrmReferral, *, stage: str, decision: str, decided_on: date
) -> None:
    """A reasonable-grounds decision, then (after a positive one) a conclusive-grounds one."""
    require(user, "service.safeguarding.record", referral.case.service)
    _not_future(decided_on, "decided_on")
    if decided_on < referral.referred_on:
        raise ValidationError({"decided_on": _("A decision cannot come before the referral")})
    if decision not in (Decision.POSITIVE, Decision.NEGATIVE):
        raise ValidationError({"decision": _("Choose positive or negative")})
    if stage == "reasonable":
        if referral.reasonable_grounds != Decision.PENDING:
            raise ValidationError(_("The reasonable-grounds decision is already recorded"))
        referral.reasonable_grounds, referral.reasonable_grounds_on = decision, decided_on
    elif stage == "conclusive":
        if referral.reasonable_grounds != Decision.POSITIVE:
            raise ValidationError(
                _("A conclusive-grounds decision follows a positive reasonable-grounds one")
            )
        if referral.conclusive_grounds != Decision.PENDING:
            raise ValidationError(_("The conclusive-grounds decision is already recorded"))
        if referral.reasonable_grounds_on and decided_on < referral.reasonable_grounds_on:
            raise ValidationError(
                {"decided_on": _("It cannot come before the reasonable-grounds decision")}
            )
        referral.conclusive_grounds, referral.conclusive_grounds_on = decision, decided_on
    else:
        raise ValidationError({"stage": _("Choose which decision")})
    referral.save()
    record(user, f"nrm.{stage}_grounds", referral, decision=decision, decided_on=decided_on)
