"""How fast information reached the case manager, and what is flagged: a notice the service
had late, a notice its case manager saw late or has not yet seen, an exploitation concern with
no referral, a referral waiting for its decision — each against the service policy."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils.translation import gettext as _

from yjinspect.engine.policy import ServicePolicy
from yjinspect.services.models import YouthJusticeService
from yjinspect.staffing.flags import Flag

from .models import Decision, ExploitationScreening, Notice, NrmReferral


def hours(span: timedelta) -> float:
    return span.total_seconds() / 3600


def notice_flags(notice: Notice, now: datetime, policy: ServicePolicy) -> list[Flag]:
    found = []
    late = hours(notice.time_to_receive)
    if late > policy.notice_received_within_hours:
        found.append(
            Flag("received_late", _("Reached the service after %(hours)d hours") % {"hours": late})
        )
    reach = notice.time_to_reach
    if reach is None:
        waiting = hours(now - notice.received_at)
        if waiting > policy.notice_seen_within_hours:
            found.append(
                Flag(
                    "not_seen",
                    _("Not seen by the case manager after %(hours)d hours") % {"hours": waiting},
                )
            )
    elif hours(reach) > policy.notice_seen_within_hours:
        found.append(
            Flag(
                "seen_late",
                _("Seen by the case manager after %(hours)d hours") % {"hours": hours(reach)},
            )
        )
    return found


@dataclass(frozen=True)
class Timeliness:
    """Notices received in a period: how many, and how fast they reached case managers."""

    received: int
    seen: int
    seen_in_time: int
    received_in_time: int
    median_hours_to_reach: float | None

    @property
    def percent_seen_in_time(self) -> int | None:
        return round(100 * self.seen_in_time / self.received) if self.received else None


def timeliness(
    service: YouthJusticeService, start: date, end: date, policy: ServicePolicy
) -> Timeliness:
    """Notices received from ``start`` to ``end`` inclusive."""
    notices = list(
        Notice.objects.filter(
            case__service=service, received_at__date__gte=start, received_at__date__lte=end
        )
    )
    reached = [hours(n.time_to_reach) for n in notices if n.time_to_reach is not None]
    return Timeliness(
        received=len(notices),
        seen=len(reached),
        seen_in_time=sum(1 for h in reached if h <= policy.notice_seen_within_hours),
        received_in_time=sum(
            1 for n in notices if hours(n.time_to_receive) <= policy.notice_received_within_hours
        ),
        median_hours_to_reach=statistics.median(reached) if reached else None,
    )


def exploitation_flags(
    service: YouthJusticeService, today: date, policy: ServicePolicy
) -> list[Flag]:
    found = []
    referred = {
        (case_id, on)
        for case_id, on in NrmReferral.objects.filter(case__service=service).values_list(
            "case_id", "referred_on"
        )
    }
    for screening in (
        ExploitationScreening.objects.filter(case__service=service)
        .exclude(outcome=ExploitationScreening.Outcome.NONE)
        .select_related("case")
    ):
        if any(c == screening.case_id and on >= screening.screened_on for c, on in referred):
            continue
        days = (today - screening.screened_on).days
        if days > policy.refer_within_days:
            found.append(
                Flag(
                    "not_referred",
                    _("%(case)s: exploitation found %(days)d days ago, no referral to the NRM")
                    % {"case": screening.case.case_ref, "days": days},
                    days,
                )
            )
    for referral in NrmReferral.objects.filter(
        case__service=service, reasonable_grounds=Decision.PENDING
    ).select_related("case"):
        days = (today - referral.referred_on).days
        if days > policy.reasonable_grounds_within_days:
            found.append(
                Flag(
                    "decision_awaited",
                    _("%(case)s: reasonable-grounds decision awaited for %(days)d days")
                    % {"case": referral.case.case_ref, "days": days},
                    days,
                )
            )
    return found
