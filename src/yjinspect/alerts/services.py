"""Raise, confirm, answer and close case alerts; notify people in the product and by email;
remind the service before and after the deadline. The response time is the framework's."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from yjinspect.audit.services import changes, record
from yjinspect.cases.models import SampledCase
from yjinspect.inspections.lifecycle import Operation, requirement
from yjinspect.inspections.lifecycle import check as check_stage
from yjinspect.inspections.models import Inspection
from yjinspect.inspections.overview import overview_panel
from yjinspect.inspections.permissions import may, require
from yjinspect.inspections.services import leads_of
from yjinspect.jobs.queue import every
from yjinspect.notifications.services import (
    NobodyToTell,
    notify,
    service_managers,
    service_people,
)
from yjinspect.versioning import claim

from .models import AlertResponse, CaseAlert


def _service_side(alert: CaseAlert) -> tuple[list[User], list[str]]:
    """Whom the service's side of an alert reaches: its managers, the named person, the
    named address."""
    people = service_managers(alert.inspection.service_id)
    if alert.recipient is not None:
        people.append(alert.recipient)
    return people, [alert.recipient_email] if alert.recipient_email else []


def _link(alert: CaseAlert) -> str:
    return reverse("alerts:detail", args=[alert.inspection_id, alert.pk])


def _description(alert: CaseAlert) -> str:
    where = (
        _("case %(ref)s") % {"ref": alert.sampled_case.case.case_ref}
        if alert.sampled_case
        else _("the whole service")
    )
    return _("%(severity)s alert on %(where)s: %(kind)s") % {
        "severity": alert.get_severity_display().split(":")[0],
        "where": where,
        "kind": alert.get_kind_display(),
    }


@transaction.atomic
def raise_alert(
    user: User,
    inspection: Inspection,
    *,
    kind: str,
    severity: str,
    found: str,
    sampled_case: SampledCase | None = None,
) -> CaseAlert:
    require(user, "alerts.raise", inspection)
    check_stage(inspection, Operation.RAISE_ALERT)
    if sampled_case is not None and sampled_case.inspection_id != inspection.pk:
        raise ValidationError(_("That case is not in this inspection's sample"))
    if (kind == CaseAlert.Kind.ORGANISATIONAL) != (sampled_case is None):
        raise ValidationError(
            _("An organisation-wide alert is about the service, not one case")
            if sampled_case is not None
            else _("Say whose safety is at risk in this case")
        )
    if not found.strip():
        raise ValidationError(_("Describe what was found"))
    alert = CaseAlert.objects.create(
        inspection=inspection,
        sampled_case=sampled_case,
        kind=kind,
        severity=severity,
        found=found.strip(),
        raised_by=user,
    )
    record(user, "alert.raised", alert, inspection_id=inspection.pk, kind=kind, severity=severity)
    notify(
        [u for u in leads_of(inspection) if u != user],
        lambda: _("To confirm: %(alert)s") % {"alert": _description(alert)},
        _link(alert),
    )
    return alert


@transaction.atomic
def confirm(
    user: User,
    alert: CaseAlert,
    now: datetime | None = None,
    *,
    recipient: User | None = None,
    recipient_email: str = "",
    version: int | None = None,
) -> CaseAlert:
    """Send the alert to the service, starting the clock on its urgent response. It must
    reach someone: the service's managers, or a person of the service or an e-mail address
    the lead names; if it would reach nobody it is not sent and the lead is told."""
    inspection = alert.inspection
    require(user, "alert.handle", inspection)
    check_stage(inspection, Operation.HANDLE_ALERT)
    if alert.state != CaseAlert.State.RAISED:
        raise ValidationError(_("Only a newly raised alert can be confirmed"))
    if (
        recipient is not None
        and not service_people(inspection.service_id).filter(pk=recipient.pk).exists()
    ):
        raise ValidationError(_("The person named must be one of the service's people"))
    claim(alert, version)
    alert.recipient, alert.recipient_email = recipient, recipient_email.strip()
    hours = inspection.framework.alert_first_response_hours
    if hours is None:
        raise ValidationError(_("This framework sets no response time for case alerts"))
    now = now or timezone.now()
    alert.state = CaseAlert.State.CONFIRMED
    alert.confirmed_by, alert.confirmed_at = user, now
    alert.response_due = now + timedelta(hours=hours)
    alert.save()
    people, emails = _service_side(alert)
    try:
        reached = notify(
            people,
            lambda: (
                _("Urgent action needed by %(due)s: %(alert)s")
                % {
                    "due": timezone.localtime(alert.response_due).strftime("%d/%m/%Y %H:%M"),
                    "alert": _description(alert),
                }
            ),
            _link(alert),
            emails=emails,
            required=True,
        )
    except NobodyToTell:
        raise NobodyToTell(
            _(
                "Nobody at the service can receive this alert: it has no manager with an "
                "account. Name a person of the service or an e-mail address to send it to."
            )
        ) from None
    alert.sent_to = reached.describe()
    alert.save(update_fields=["sent_to"])
    record(
        user,
        "alert.confirmed",
        alert,
        inspection_id=inspection.pk,
        response_due=alert.response_due.isoformat(),
        sent_to=alert.sent_to,
    )
    return alert


@transaction.atomic
def respond(user: User, alert: CaseAlert, action: str, version: int | None = None) -> AlertResponse:
    """The service's urgent action response (its manager, or the person named)."""
    if not may(user, "alert.respond", alert):
        raise ValidationError(_("Only the service's manager can respond to an alert"))
    check_stage(alert.inspection, Operation.HANDLE_ALERT)
    if alert.state not in (CaseAlert.State.CONFIRMED, CaseAlert.State.RESPONDED):
        raise ValidationError(_("This alert is not waiting for a response"))
    if not action.strip():
        raise ValidationError(_("Describe the urgent action taken or planned"))
    claim(alert, version)
    response = AlertResponse.objects.create(alert=alert, by=user, action=action.strip())
    alert.state = CaseAlert.State.RESPONDED
    alert.save(update_fields=["state"])
    record(user, "alert.responded", response, inspection_id=alert.inspection_id, alert=alert.pk)
    notify(
        leads_of(alert.inspection),
        lambda: _("The service responded: %(alert)s") % {"alert": _description(alert)},
        _link(alert),
    )
    return response


@transaction.atomic
def close(
    user: User,
    alert: CaseAlert,
    note: str,
    *,
    withdraw: bool = False,
    version: int | None = None,
) -> CaseAlert:
    """Close an answered alert, or withdraw one not yet sent; the note is kept."""
    require(user, "alert.handle", alert.inspection)
    check_stage(alert.inspection, Operation.HANDLE_ALERT)
    allowed = CaseAlert.State.RAISED if withdraw else CaseAlert.State.RESPONDED
    if alert.state != allowed:
        raise ValidationError(
            _("Only an alert not yet sent can be withdrawn")
            if withdraw
            else _("An alert can be closed once the service has responded")
        )
    if not note.strip():
        raise ValidationError(_("Enter a note saying why"))
    claim(alert, version)
    state = CaseAlert.State.WITHDRAWN if withdraw else CaseAlert.State.CLOSED
    changed = changes(alert, state=state, closing_note=note.strip())
    alert.state, alert.closed_by, alert.closed_at = state, user, timezone.now()
    alert.closing_note = note.strip()
    alert.save()
    record(
        user,
        "alert.withdrawn" if withdraw else "alert.closed",
        alert,
        inspection_id=alert.inspection_id,
        **changed,
    )
    return alert


def _overdue_text(alert: CaseAlert) -> Callable[[], str]:
    return lambda: _("Overdue: no response yet to %(alert)s") % {"alert": _description(alert)}


def _reminder_text(alert: CaseAlert, due: datetime) -> Callable[[], str]:
    return lambda: (
        _("Reminder: a response is due by %(due)s to %(alert)s")
        % {
            "due": timezone.localtime(due).strftime("%d/%m/%Y %H:%M"),
            "alert": _description(alert),
        }
    )


def _nobody_reminded_text(alert: CaseAlert) -> Callable[[], str]:
    return lambda: (
        _("Nobody at the service could be reminded about %(alert)s")
        % {"alert": _description(alert)}
    )


def send_reminders(now: datetime | None = None) -> int:
    """Remind the service once before the deadline and once after it passes; return how many
    reminders went out. Run it every few minutes (yjinspect manage send_alert_reminders)."""
    now = now or timezone.now()
    sent = 0
    waiting = CaseAlert.objects.filter(state=CaseAlert.State.CONFIRMED).select_related(
        "inspection", "sampled_case__case", "recipient"
    )
    for alert in waiting:
        framework = alert.inspection.framework
        due = alert.response_due
        if due is None:
            continue
        people, emails = _service_side(alert)
        if not alert.reminded_after and now > due:
            reached = notify(
                [*people, *leads_of(alert.inspection)],
                _overdue_text(alert),
                _link(alert),
                emails=emails,
            )
            alert.reminded_after = alert.reminded_before = True
        elif (
            not alert.reminded_before
            and framework.alert_remind_before_hours is not None
            and now >= due - timedelta(hours=framework.alert_remind_before_hours)
        ):
            reached = notify(people, _reminder_text(alert, due), _link(alert), emails=emails)
            if not reached.people and not reached.emails:
                # Nobody at the service can be reminded any more (their manager has left):
                # the lead is told, so the silence is seen.
                reached = notify(
                    leads_of(alert.inspection),
                    _nobody_reminded_text(alert),
                    _link(alert),
                )
            alert.reminded_before = True
        else:
            continue
        alert.save(update_fields=["reminded_before", "reminded_after"])
        record(
            None,
            "alert.reminded",
            alert,
            inspection_id=alert.inspection_id,
            sent_to=reached.describe() or "nobody",
        )
        sent += 1
    return sent


# The workers run this every five minutes; `yjinspect manage send_alert_reminders` from cron
# does the same.
@every(5 * 60, "case-alert reminders")
@task()
def alert_reminders_job() -> int:
    return send_reminders()


@overview_panel("alerts")
def alert_summary(inspection: Inspection) -> dict[str, int]:
    """Alerts waiting for the service's response, and how many of those are overdue."""
    waiting = CaseAlert.objects.filter(inspection=inspection, state=CaseAlert.State.CONFIRMED)
    return {
        "waiting": waiting.count(),
        "overdue": waiting.filter(response_due__lt=timezone.now()).count(),
    }


OPEN_STATES = (CaseAlert.State.RAISED, CaseAlert.State.CONFIRMED, CaseAlert.State.RESPONDED)


@requirement("alerts_closed")
def _alerts_closed(inspection: Inspection) -> str | None:
    still_open = CaseAlert.objects.filter(inspection=inspection, state__in=OPEN_STATES).count()
    if still_open:
        return _("Close or withdraw every case alert (%(n)s open).") % {"n": still_open}
    return None
