"""Write and track the improvement plan; export it; remind owners before due dates."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

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
from yjinspect.inspections.models import Inspection
from yjinspect.inspections.permissions import may
from yjinspect.inspections.previous import plan_progress_from
from yjinspect.inspections.services import check_date_between, leads_of
from yjinspect.jobs.queue import every
from yjinspect.notifications.services import notify, service_managers, service_people
from yjinspect.versioning import claim

from .models import ImprovementAction

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
    item = ImprovementAction.objects.create(
        inspection=inspection,
        recommendation=recommendation,
        action=action.strip(),
        owner=owner.strip(),
        owner_user=owner_user,
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
        .select_related("inspection", "recommendation", "owner_user")
    )
    for item in soon:
        link = reverse("plans:plan", args=[item.inspection_id])
        # The person the plan names for the action; otherwise the service's managers; if
        # neither can be reached, the lead inspector, so the silence is seen.
        owners = (
            [item.owner_user]
            if item.owner_user and item.owner_user.is_active
            else service_managers(item.inspection.service_id)
        )
        reached = notify(owners or leads_of(item.inspection), _due_text(item), link)
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
