"""Raise, confirm, answer and close case alerts: the service answers with an urgent action
plan that the lead accepts or returns, then follows until every action is done. People are told
in the product and by e-mail; the service is reminded before and after its deadline (the
framework's time for the alert's severity)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django_tasks import task

from yjinspect.audit.models import AuditEvent
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
from yjinspect.services.models import BoardMember
from yjinspect.versioning import claim

from .models import AlertResponse, CaseAlert, UrgentAction


def _service_side(alert: CaseAlert) -> tuple[list[User], list[str]]:
    """Who must answer the alert: the service's managers, the named person, the named
    address."""
    people = service_managers(alert.inspection.service_id)
    if alert.recipient is not None:
        people.append(alert.recipient)
    return people, [alert.recipient_email] if alert.recipient_email else []


def _board_chairs(alert: CaseAlert) -> list[str]:
    """The board's chair is told of every alert sent to the service (by e-mail: a board
    member needs no account)."""
    return list(
        BoardMember.objects.filter(service_id=alert.inspection.service_id, chair=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )


def _link(alert: CaseAlert) -> str:
    return reverse("alerts:detail", args=[alert.inspection_id, alert.pk])


def _description(alert: CaseAlert) -> str:
    count = alert.cases.count()
    where = (
        ngettext("%(n)s case", "%(n)s cases", count) % {"n": count}
        if alert.kind != CaseAlert.Kind.ORGANISATIONAL
        else _("the whole service")
    )
    return _("Alert %(number)s (%(severity)s) on %(where)s: %(kind)s") % {
        "number": alert.number,
        "severity": alert.get_severity_display().split(":")[0],
        "where": where,
        "kind": alert.get_kind_display(),
    }


def _record(user: User | None, what: str, alert: CaseAlert, **details: Any) -> None:
    """Every step of an alert is audited against the alert itself, so its history is one
    reading of the audit trail (history())."""
    record(user, what, alert, inspection_id=alert.inspection_id, **details)


@transaction.atomic
def raise_alert(
    user: User,
    inspection: Inspection,
    *,
    kind: str,
    severity: str,
    themes: Sequence[str],
    found: str,
    found_cy: str = "",
    cases: Sequence[SampledCase] = (),
) -> CaseAlert:
    """Raise an alert citing the sampled cases it rests on (one or several; an
    organisation-wide alert may cite none). The lead is told, to confirm it."""
    require(user, "alerts.raise", inspection)
    check_stage(inspection, Operation.RAISE_ALERT)
    if any(case.inspection_id != inspection.pk for case in cases):
        raise ValidationError(_("That case is not in this inspection's sample"))
    if kind != CaseAlert.Kind.ORGANISATIONAL and not cases:
        raise ValidationError(_("Choose the case or cases where someone is at risk"))
    if severity not in CaseAlert.Severity.values:
        raise ValidationError(_("Choose the severity"))
    if not themes or any(theme not in CaseAlert.Theme.values for theme in themes):
        raise ValidationError(_("Choose at least one theme"))
    if not found.strip():
        raise ValidationError(_("Describe what was found"))
    # Numbers run within the inspection; the inspection's row is locked so two alerts raised
    # at once cannot take the same number.
    Inspection.objects.select_for_update().filter(pk=inspection.pk).first()
    last = CaseAlert.objects.filter(inspection=inspection).aggregate(n=Max("number"))["n"]
    alert = CaseAlert.objects.create(
        inspection=inspection,
        number=(last or 0) + 1,
        kind=kind,
        severity=severity,
        themes=list(dict.fromkeys(themes)),
        found=found.strip(),
        found_cy=found_cy.strip(),
        raised_by=user,
    )
    alert.cases.set(cases)
    _record(
        user,
        "alert.raised",
        alert,
        number=alert.number,
        kind=kind,
        severity=severity,
        themes=alert.themes,
        cases=sorted(case.pk for case in cases),
    )
    notify(
        [u for u in leads_of(inspection) if u != user],
        lambda: _("To confirm: %(alert)s") % {"alert": _description(alert)},
        _link(alert),
    )
    return alert


def _response_hours(alert: CaseAlert) -> int:
    hours = alert.inspection.framework.alert_response_hours.get(alert.severity)
    if hours is None:
        raise ValidationError(_("This framework sets no response time for case alerts"))
    return hours


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
    """Send the alert to the service, starting the clock on its urgent action plan (the
    framework's time for the alert's severity). It must reach someone: the service's
    managers, or a person of the service or an e-mail address the lead names; if it would
    reach nobody it is not sent and the lead is told. The board's chair is told too."""
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
    hours = _response_hours(alert)
    claim(alert, version)
    alert.recipient, alert.recipient_email = recipient, recipient_email.strip()
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
                _("Urgent action plan needed by %(due)s: %(alert)s")
                % {"due": _when(alert.response_due), "alert": _description(alert)}
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
    chairs = notify(
        [],
        lambda: (
            _("For the board: an alert was sent to the service. %(alert)s")
            % {"alert": _description(alert)}
        ),
        _link(alert),
        emails=_board_chairs(alert),
    )
    alert.sent_to = ", ".join(filter(None, [reached.describe(), chairs.describe()]))
    alert.save(update_fields=["sent_to"])
    _record(
        user,
        "alert.confirmed",
        alert,
        response_due=alert.response_due.isoformat(),
        sent_to=alert.sent_to,
    )
    return alert


def _when(moment: datetime | None) -> str:
    return timezone.localtime(moment).strftime("%d/%m/%Y %H:%M") if moment else "–"


def _require_service(user: User, alert: CaseAlert) -> None:
    if not may(user, "alert.respond", alert):
        raise ValidationError(_("Only the service's manager can answer an alert"))
    check_stage(alert.inspection, Operation.HANDLE_ALERT)


def _check_action_fields(text: str, owner: str, due: date, earliest: date) -> None:
    problems = {}
    if not text.strip():
        problems["text"] = _("Say what will be done")
    if not owner.strip():
        problems["owner"] = _("Name the person who owns the action")
    if due < earliest:
        problems["due"] = _("The due date must be today or later")
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def add_action(user: User, alert: CaseAlert, *, text: str, owner: str, due: date) -> UrgentAction:
    """An action of the service's urgent action plan, while the plan is being written (or
    rewritten after the lead returned it)."""
    _require_service(user, alert)
    if alert.state not in CaseAlert.WAITING_FOR_SERVICE:
        raise ValidationError(_("Actions can be added while the plan is being written"))
    _check_action_fields(text, owner, due, timezone.localdate())
    last = alert.actions.aggregate(n=Max("number"))["n"]
    action = UrgentAction.objects.create(
        alert=alert, number=(last or 0) + 1, text=text.strip(), owner=owner.strip(), due=due
    )
    _record(
        user,
        "alert.action_added",
        alert,
        item=action.number,
        text=action.text,
        owner=action.owner,
        due=due.isoformat(),
    )
    return action


@transaction.atomic
def change_action(
    user: User,
    action: UrgentAction,
    *,
    status: str,
    evidence: str,
    text: str | None = None,
    owner: str | None = None,
    due: date | None = None,
    version: int | None = None,
) -> UrgentAction:
    """While the plan is being written, anything about an action can change; once the lead
    has accepted it, only its status and evidence (the service reports progress, the lead
    follows it until every action is done)."""
    alert = action.alert
    _require_service(user, alert)
    drafting = alert.state in CaseAlert.WAITING_FOR_SERVICE
    if not drafting and alert.state != CaseAlert.State.ACCEPTED:
        raise ValidationError(_("This plan's actions cannot be changed now"))
    if status not in UrgentAction.Status.values:
        raise ValidationError({"status": _("Choose a status")})
    if status == UrgentAction.Status.DONE and not evidence.strip():
        raise ValidationError({"evidence": _("Give the evidence that the action is done")})
    after: dict[str, Any] = {"status": status, "evidence": evidence.strip()}
    if drafting:
        after.update(
            text=(text if text is not None else action.text).strip(),
            owner=(owner if owner is not None else action.owner).strip(),
            due=due or action.due,
        )
        # A due date already in the plan may have passed; a new one may not be in the past.
        earliest = action.due if after["due"] == action.due else timezone.localdate()
        _check_action_fields(after["text"], after["owner"], after["due"], earliest)
    elif any(
        value is not None and value != getattr(action, name)
        for name, value in (("text", text), ("owner", owner), ("due", due))
    ):
        raise ValidationError(
            _("The plan has been accepted: only an action's status and evidence can change")
        )
    claim(action, version)
    changed = changes(action, **after)
    for name, value in after.items():
        setattr(action, name, value)
    action.save()
    _record(user, "alert.action_changed", alert, item=action.number, **changed)
    return action


@transaction.atomic
def remove_action(user: User, action: UrgentAction) -> None:
    alert = action.alert
    _require_service(user, alert)
    if alert.state not in CaseAlert.WAITING_FOR_SERVICE:
        raise ValidationError(_("Actions can be removed while the plan is being written"))
    _record(user, "alert.action_removed", alert, item=action.number, text=action.text)
    action.delete()


@transaction.atomic
def send_plan(
    user: User, alert: CaseAlert, summary: str, version: int | None = None
) -> AlertResponse:
    """The service sends its urgent action plan (its actions and a summary) to the lead."""
    _require_service(user, alert)
    if alert.state not in CaseAlert.WAITING_FOR_SERVICE:
        raise ValidationError(_("This alert is not waiting for an urgent action plan"))
    if not alert.actions.exists():
        raise ValidationError(_("Add at least one action to the plan before sending it"))
    if not summary.strip():
        raise ValidationError(_("Say what the service has done and plans to do"))
    claim(alert, version)
    response = AlertResponse.objects.create(alert=alert, by=user, action=summary.strip())
    alert.state = CaseAlert.State.RESPONDED
    alert.save(update_fields=["state"])
    _record(user, "alert.plan_sent", alert, actions=alert.actions.count())
    notify(
        leads_of(alert.inspection),
        lambda: _("Urgent action plan to review: %(alert)s") % {"alert": _description(alert)},
        _link(alert),
    )
    return response


@transaction.atomic
def review_plan(
    user: User,
    alert: CaseAlert,
    *,
    accept: bool,
    reasons: str = "",
    now: datetime | None = None,
    version: int | None = None,
) -> AlertResponse:
    """The lead accepts the plan (then follows its actions until done) or returns it with
    reasons; a returned plan is due again within the severity's time."""
    require(user, "alert.handle", alert.inspection)
    check_stage(alert.inspection, Operation.HANDLE_ALERT)
    if alert.state != CaseAlert.State.RESPONDED:
        raise ValidationError(_("There is no urgent action plan waiting for a decision"))
    if not accept and not reasons.strip():
        raise ValidationError(_("Say why the plan is returned: what it must do better"))
    response = alert.responses.order_by("-at", "-id").first()
    assert response is not None  # a RESPONDED alert has a response
    claim(alert, version)
    now = now or timezone.now()
    response.decision = (
        AlertResponse.Decision.ACCEPTED if accept else AlertResponse.Decision.RETURNED
    )
    response.decided_by, response.decided_at, response.reasons = user, now, reasons.strip()
    response.save()
    if accept:
        alert.state = CaseAlert.State.ACCEPTED
    else:
        alert.state = CaseAlert.State.RETURNED
        alert.response_due = now + timedelta(hours=_response_hours(alert))
        alert.reminded_before = alert.reminded_after = False
    alert.save()
    _record(
        user,
        "alert.plan_accepted" if accept else "alert.plan_returned",
        alert,
        reasons=response.reasons,
        response_due=alert.response_due.isoformat() if alert.response_due else None,
    )
    people, emails = _service_side(alert)
    notify(
        people,
        (lambda: _("Urgent action plan accepted: %(alert)s") % {"alert": _description(alert)})
        if accept
        else (
            lambda: (
                _("Urgent action plan returned, send it again by %(due)s: %(alert)s")
                % {"due": _when(alert.response_due), "alert": _description(alert)}
            )
        ),
        _link(alert),
        emails=emails,
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
    """Close an alert whose accepted plan's actions are all done, or withdraw one not yet
    sent; the note is kept."""
    require(user, "alert.handle", alert.inspection)
    check_stage(alert.inspection, Operation.HANDLE_ALERT)
    allowed = CaseAlert.State.RAISED if withdraw else CaseAlert.State.ACCEPTED
    if alert.state != allowed:
        raise ValidationError(
            _("Only an alert not yet sent can be withdrawn")
            if withdraw
            else _("An alert can be closed once its urgent action plan has been accepted")
        )
    if not withdraw:
        open_actions = alert.actions.exclude(status=UrgentAction.Status.DONE).count()
        if open_actions:
            raise ValidationError(
                ngettext(
                    "%(n)s action of the plan is not done yet",
                    "%(n)s actions of the plan are not done yet",
                    open_actions,
                )
                % {"n": open_actions}
            )
    if not note.strip():
        raise ValidationError(_("Enter a note saying why"))
    claim(alert, version)
    state = CaseAlert.State.WITHDRAWN if withdraw else CaseAlert.State.CLOSED
    changed = changes(alert, state=state, closing_note=note.strip())
    alert.state, alert.closed_by, alert.closed_at = state, user, timezone.now()
    alert.closing_note = note.strip()
    alert.save()
    _record(user, "alert.withdrawn" if withdraw else "alert.closed", alert, **changed)
    return alert


# What each audited step of an alert is called on its page.
STEPS = {
    "alert.raised": gettext_lazy("Raised"),
    "alert.confirmed": gettext_lazy("Confirmed and sent to the service"),
    "alert.action_added": gettext_lazy("Action added to the plan"),
    "alert.action_changed": gettext_lazy("Action changed"),
    "alert.action_removed": gettext_lazy("Action removed from the plan"),
    "alert.plan_sent": gettext_lazy("Urgent action plan sent"),
    "alert.plan_returned": gettext_lazy("Urgent action plan returned"),
    "alert.plan_accepted": gettext_lazy("Urgent action plan accepted"),
    "alert.reminded": gettext_lazy("Reminder sent"),
    "alert.closed": gettext_lazy("Closed"),
    "alert.withdrawn": gettext_lazy("Withdrawn"),
}


@dataclass(frozen=True)
class Step:
    at: datetime
    who: str
    what: str
    item: int | None  # the number of the plan's action it concerns


def history(alert: CaseAlert) -> list[Step]:
    """Raised, confirmed, answered, returned, accepted, closed: who and when, from the audit
    trail (the one record of what happened)."""
    events = AuditEvent.objects.filter(
        object_type=CaseAlert._meta.label_lower, object_id=str(alert.pk), action__in=STEPS
    ).order_by("at", "id")
    return [
        Step(
            at=event.at,
            who=event.actor or _("the product"),
            what=str(STEPS[event.action]),
            item=event.details.get("item"),
        )
        for event in events
    ]


def report_summary(inspection: Inspection) -> dict[str, Any]:
    """What the report says of the alerts: how many went to the service and their themes,
    never a case."""
    sent = list(
        CaseAlert.objects.filter(inspection=inspection, confirmed_at__isnull=False).exclude(
            state=CaseAlert.State.WITHDRAWN
        )
    )
    themes: dict[str, int] = {}
    for alert in sent:
        for theme in alert.themes:
            themes[theme] = themes.get(theme, 0) + 1
    labels = dict(CaseAlert.Theme.choices)
    return {
        "count": len(sent),
        "organisational": sum(1 for a in sent if a.kind == CaseAlert.Kind.ORGANISATIONAL),
        "themes": [
            (str(labels.get(code, code)), n)
            for code, n in sorted(themes.items(), key=lambda item: (-item[1], item[0]))
        ],
    }


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
    waiting = CaseAlert.objects.filter(state__in=CaseAlert.WAITING_FOR_SERVICE).select_related(
        "inspection", "recipient"
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
        _record(None, "alert.reminded", alert, sent_to=reached.describe() or "nobody")
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
    waiting = CaseAlert.objects.filter(
        inspection=inspection, state__in=CaseAlert.WAITING_FOR_SERVICE
    )
    return {
        "waiting": waiting.count(),
        "overdue": waiting.filter(response_due__lt=timezone.now()).count(),
    }


OPEN_STATES = (
    CaseAlert.State.RAISED,
    CaseAlert.State.CONFIRMED,
    CaseAlert.State.RESPONDED,
    CaseAlert.State.RETURNED,
    CaseAlert.State.ACCEPTED,
)


@requirement("alerts_closed")
def _alerts_closed(inspection: Inspection) -> str | None:
    still_open = CaseAlert.objects.filter(inspection=inspection, state__in=OPEN_STATES).count()
    if still_open:
        return _("Close or withdraw every case alert (%(n)s open).") % {"n": still_open}
    return None
