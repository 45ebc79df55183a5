"""Write and track the improvement plan; export it; remind owners before due dates."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from yjinspect.audit.services import changes, record
from yjinspect.exports import csv_text, xlsx_bytes
from yjinspect.findings.models import Recommendation
from yjinspect.inspections.lifecycle import Operation
from yjinspect.inspections.lifecycle import check as check_stage
from yjinspect.inspections.models import Inspection, Status, StatusChange
from yjinspect.inspections.permissions import may, require
from yjinspect.inspections.previous import plan_progress_from
from yjinspect.inspections.services import check_date_between, leads_of
from yjinspect.jobs.queue import every
from yjinspect.notifications.services import notify, service_managers, service_people
from yjinspect.services.models import BoardMember, PartnerContact
from yjinspect.versioning import claim

from .models import ImprovementAction, PlanSubmission

# How far ahead an action may fall due: inspections recur within about five years.
PLAN_YEARS = 5
# Owners are reminded this many days before an action falls due.
REMIND_DAYS_BEFORE = 7


def actions_of(inspection: Inspection) -> QuerySet[ImprovementAction]:
    return ImprovementAction.objects.filter(inspection=inspection).select_related("recommendation")


@transaction.atomic
def add_action(
    user: User,
    recommendation: Recommendation,
    *,
    action: str,
    owner: str,
    due: date,
    owner_user: User | None = None,
    owner_contact: PartnerContact | None = None,
) -> ImprovementAction:
    inspection = recommendation.inspection
    if not may(user, "plan.edit", inspection):
        raise ValidationError(_("Only the service (or the lead inspector) writes the plan"))
    check_stage(inspection, Operation.PLAN)
    if not action.strip() or not owner.strip():
        raise ValidationError(_("Enter the action and its owner"))
    # A plan runs from the inspection until the next one, a few years on.
    check_date_between(
        due,
        inspection.fieldwork_start,
        max(inspection.fieldwork_end, timezone.localdate()) + timedelta(days=365 * PLAN_YEARS),
        _("Enter a due date between %(earliest)s and %(latest)s"),
    )
    if (
        owner_user is not None
        and not service_people(inspection.service_id).filter(pk=owner_user.pk).exists()
    ):
        raise ValidationError(_("Reminders can only go to someone in the service"))
    if owner_contact is not None and owner_contact.service_id != inspection.service_id:
        raise ValidationError(_("Choose one of the service's partner contacts"))
    item = ImprovementAction.objects.create(
        inspection=inspection,
        recommendation=recommendation,
        action=action.strip(),
        owner=owner.strip(),
        owner_user=owner_user,
        owner_contact=owner_contact,
        due=due,
        updated_by=user,
    )
    record(
        user,
        "plan.action_added",
        item,
        inspection_id=inspection.pk,
        recommendation=recommendation.number,
        due=due.isoformat(),
    )
    return item


@transaction.atomic
def update_action(
    user: User,
    item: ImprovementAction,
    *,
    status: str,
    evidence: str,
    version: int | None = None,
) -> ImprovementAction:
    if not may(user, "plan.edit", item.inspection):
        raise ValidationError(_("Only the service (or the lead inspector) writes the plan"))
    check_stage(item.inspection, Operation.PLAN)
    if status not in ImprovementAction.Status.values:
        raise ValidationError(
            {
                "status": _("Choose one of: %(values)s")
                % {"values": ", ".join(ImprovementAction.Status.values)}
            }
        )
    if status == ImprovementAction.Status.DONE and not evidence.strip():
        raise ValidationError(_("Give the evidence that the action is done"))
    claim(item, version)
    changed = changes(item, status=status, evidence=evidence.strip())
    item.status, item.evidence, item.updated_by = status, evidence.strip(), user
    item.save()
    record(user, "plan.action_updated", item, inspection_id=item.inspection_id, **changed)
    return item


@plan_progress_from
def progress(inspection: Inspection, today: date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    items = list(actions_of(inspection))
    return {
        "total": len(items),
        "done": sum(1 for i in items if i.status == ImprovementAction.Status.DONE),
        "overdue": sum(1 for i in items if i.is_overdue(today)),
    }


EXPORT_COLUMNS = (
    "recommendation",
    "addressed_to",
    "action",
    "owner",
    "due",
    "status",
    "evidence",
    "overdue",
)


def export_rows(inspection: Inspection, today: date | None = None) -> list[list[str]]:
    today = today or timezone.localdate()
    return [
        [
            str(i.recommendation.number),
            i.recommendation.addressee,
            i.action,
            i.owner,
            i.due.isoformat(),
            str(i.get_status_display()),
            i.evidence,
            _("yes") if i.is_overdue(today) else _("no"),
        ]
        for i in actions_of(inspection)
    ]


def export_csv(inspection: Inspection) -> str:
    return csv_text(EXPORT_COLUMNS, export_rows(inspection))


def export_xlsx(inspection: Inspection) -> bytes:
    return xlsx_bytes("Improvement plan", EXPORT_COLUMNS, export_rows(inspection))


def _due_text(item: ImprovementAction) -> Callable[[], str]:
    return lambda: (
        _("Improvement action due by %(due)s: %(action)s")
        % {
            "due": item.due.strftime("%d/%m/%Y"),
            "action": item.action[:200],
        }
    )


def send_reminders(today: date | None = None) -> int:
    """Remind the service once when an unfinished action is due within REMIND_DAYS_BEFORE."""
    today = today or timezone.localdate()
    sent = 0
    soon = (
        ImprovementAction.objects.filter(
            reminded=False, due__lte=today + timedelta(days=REMIND_DAYS_BEFORE)
        )
        .exclude(status=ImprovementAction.Status.DONE)
        .select_related("inspection", "recommendation", "owner_user", "owner_contact")
    )
    for item in soon:
        link = reverse("plans:plan", args=[item.inspection_id])
        # A partner's contact is e-mailed (no account needed), with the service's managers
        # told in the product; the person the plan names; otherwise the managers; if none can
        # be reached, the lead inspector, so the silence is seen.
        contact = [item.owner_contact.email] if item.owner_contact else []
        owners = (
            [item.owner_user]
            if item.owner_user and item.owner_user.is_active
            else service_managers(item.inspection.service_id)
        )
        reached = notify(
            owners or ([] if contact else leads_of(item.inspection)),
            _due_text(item),
            link,
            emails=contact,
        )
        item.reminded = True
        item.save(update_fields=["reminded"])
        record(
            None,
            "plan.reminded",
            item,
            inspection_id=item.inspection_id,
            sent_to=reached.describe() or "nobody",
        )
        sent += 1
    return sent


# The workers run this daily; `yjinspect manage send_action_reminders` from cron does the same.
@every(24 * 60 * 60, "improvement-action reminders")
@task()
def action_reminders_job() -> int:
    return send_reminders()


def published_on(inspection: Inspection) -> date | None:
    change = (
        StatusChange.objects.filter(inspection=inspection, to_status=Status.PUBLISHED)
        .order_by("at")
        .first()
    )
    return timezone.localdate(change.at) if change else None


def submission_due(inspection: Inspection) -> date | None:
    """The day the plan is due: the framework's days after first publication."""
    days = inspection.framework.plan_submit_within_days
    published = published_on(inspection)
    return published + timedelta(days=days) if published and days else None


def submission_of(inspection: Inspection) -> PlanSubmission:
    return PlanSubmission.objects.filter(inspection=inspection).select_related(
        "board_member", "submitted_by"
    ).first() or PlanSubmission(inspection=inspection)


@transaction.atomic
def record_board_sign_off(
    user: User, inspection: Inspection, *, board_member: BoardMember, meeting: date
) -> PlanSubmission:
    """The management board signed the plan off at a meeting (named by its chair or the
    member who signed it)."""
    require(user, "plan.submit", inspection)
    check_stage(inspection, Operation.PLAN)
    if board_member.service_id != inspection.service_id:
        raise ValidationError({"board_member": _("Choose a member of the service's board")})
    published = published_on(inspection)
    if meeting > timezone.localdate() or (published and meeting < published):
        raise ValidationError(
            {"meeting": _("Enter the date of the meeting: after publication and not in the future")}
        )
    submission = submission_of(inspection)
    if submission.submitted_at:
        raise ValidationError(_("The plan has been sent: its sign-off stays as it was"))
    submission.board_member, submission.board_meeting = board_member, meeting
    submission.board_recorded_by = user
    submission.save()
    record(
        user,
        "plan.board_signed_off",
        submission,
        inspection_id=inspection.pk,
        board_member=str(board_member),
        meeting=meeting.isoformat(),
    )
    return submission


@transaction.atomic
def submit_plan(user: User, inspection: Inspection) -> PlanSubmission:
    """Send the plan to the inspectorate: it needs the board's sign-off and an action for every
    recommendation. The lead inspector is told."""
    require(user, "plan.submit", inspection)
    check_stage(inspection, Operation.PLAN)
    submission = submission_of(inspection)
    if submission.submitted_at:
        raise ValidationError(_("The plan has already been sent"))
    if submission.board_member_id is None:
        raise ValidationError(_("Record the board's sign-off before sending the plan"))
    without = [
        str(rec.number)
        for rec in Recommendation.objects.filter(inspection=inspection)
        if not rec.actions.exists()
    ]
    if without:
        raise ValidationError(
            _("Add at least one action for recommendation %(numbers)s")
            % {"numbers": ", ".join(without)}
        )
    submission.submitted_by, submission.submitted_at = user, timezone.now()
    submission.save()
    due = submission_due(inspection)
    late = bool(due and timezone.localdate() > due)
    record(user, "plan.submitted", submission, inspection_id=inspection.pk, late=late)
    notify(
        leads_of(inspection),
        lambda: (
            _("The improvement plan was sent: %(service)s") % {"service": inspection.service.name}
        ),
        reverse("plans:plan", args=[inspection.pk]),
    )
    return submission


@dataclass(frozen=True)
class RecommendationProgress:
    """How the plan stands against one recommendation, for those monitoring it."""

    recommendation: Recommendation
    total: int
    done: int
    overdue: int
    last_update: datetime | None

    @property
    def state(self) -> str:
        if not self.total:
            return "no_actions"
        if self.done == self.total:
            return "done"
        return "behind" if self.overdue else "on_track"


def monitoring(
    recommendations: Sequence[Recommendation],
    items: Sequence[ImprovementAction],
    today: date | None = None,
) -> list[RecommendationProgress]:
    """How the plan's actions (``items``, already loaded) stand against each recommendation."""
    today = today or timezone.localdate()
    summary = []
    for rec in recommendations:
        mine = [i for i in items if i.recommendation_id == rec.pk]
        summary.append(
            RecommendationProgress(
                recommendation=rec,
                total=len(mine),
                done=sum(1 for i in mine if i.status == ImprovementAction.Status.DONE),
                overdue=sum(1 for i in mine if i.is_overdue(today)),
                last_update=max((i.updated_at for i in mine), default=None),
            )
        )
    return summary
