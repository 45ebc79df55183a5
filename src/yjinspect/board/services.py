"""Operations on the board: a meeting with its attendance, and members' written
responsibilities. Audited."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yjinspect.accounts.permissions import require
from yjinspect.audit.services import record
from yjinspect.services.models import BoardMember, YouthJusticeService

from .models import Attendance, BoardMeeting


@transaction.atomic
def record_meeting(
    user: Any, service: YouthJusticeService, *, held_on: date, present: list[BoardMember]
) -> BoardMeeting:
    """A meeting and, for every member of the board, whether they were there."""
    require(user, "service.records.change", service)
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": _("The date cannot be in the future")})
    if BoardMeeting.objects.filter(service=service, held_on=held_on).exists():
        raise ValidationError({"held_on": _("A meeting on that day is already recorded")})
    members = list(service.board_members.all())
    if not members:
        raise ValidationError(_("Add the board's members first"))
    if any(m.service_id != service.pk for m in present):
        raise ValidationError(_("That choice is not valid: choose again from the page."))
    meeting = BoardMeeting.objects.create(service=service, held_on=held_on)
    there = {m.pk for m in present}
    Attendance.objects.bulk_create(
        Attendance(meeting=meeting, member=m, present=m.pk in there) for m in members
    )
    record(
        user,
        "board.meeting_recorded",
        meeting,
        held_on=held_on,
        present=sorted(m.name for m in members if m.pk in there),
        absent=sorted(m.name for m in members if m.pk not in there),
    )
    return meeting


@transaction.atomic
def write_responsibilities(user: Any, member: BoardMember, text: str) -> None:
    require(user, "service.records.change", member.service)
    before = member.responsibilities
    member.responsibilities = text.strip()
    member.save(update_fields=["responsibilities"])
    record(
        user,
        "board.responsibilities_written",
        member,
        before={"responsibilities": before},
        after={"responsibilities": member.responsibilities},
    )


def attendance_rates(
    service: YouthJusticeService, start: date, end: date
) -> dict[int, tuple[int, int]]:
    """Each member's (meetings attended, meetings held) between the dates, inclusive."""
    rates: dict[int, tuple[int, int]] = {}
    for member_id, present in Attendance.objects.filter(
        meeting__service=service, meeting__held_on__gte=start, meeting__held_on__lte=end
    ).values_list("member_id", "present"):
        there, held = rates.get(member_id, (0, 0))
        rates[member_id] = (there + int(present), held + 1)
    return rates
