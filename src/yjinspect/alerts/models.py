"""Case alerts, the service's responses, and in-app notifications."""

from __future__ import annotations

from datetime import date, datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CaseAlert(models.Model):
    """An alert the inspectors raise where a child or others are at risk in the inspected cases
    (or across the service), answered by the service's urgent action plan."""

    class Kind(models.TextChoices):
        CHILD_SAFETY = "child_safety", _("The child's safety")
        OTHERS_SAFETY = "others_safety", _("Other people's safety")
        ORGANISATIONAL = "organisational", _("Organisation-wide (a pattern across cases)")

    class Severity(models.TextChoices):
        # The framework data gives each its response time (alerts.response_hours).
        CRITICAL = "critical", _("Critical: immediate risk of serious harm")
        HIGH = "high", _("High: serious risk needing action now")
        MEDIUM = "medium", _("Medium: risk needing prompt action")

    class Theme(models.TextChoices):
        # What the report counts: the alerts' themes, never their cases.
        SAFEGUARDING = "safeguarding", _("Safeguarding")
        PUBLIC_PROTECTION = "public_protection", _("Public protection")
        RISK_ASSESSMENT = "risk_assessment", _("Assessment and planning of risk")
        INFORMATION_SHARING = "information_sharing", _("Information sharing between agencies")
        MANAGEMENT_OVERSIGHT = "management_oversight", _("Management oversight")
        OTHER = "other", _("Other")

    class State(models.TextChoices):
        RAISED = "raised", _("Raised, waiting for the lead inspector")
        CONFIRMED = "confirmed", _("Sent to the service, waiting for its urgent action plan")
        RESPONDED = "responded", _("Urgent action plan sent, waiting for the lead inspector")
        RETURNED = "returned", _("Urgent action plan returned to the service")
        ACCEPTED = "accepted", _("Urgent action plan accepted, actions followed until done")
        CLOSED = "closed", _("Closed")
        WITHDRAWN = "withdrawn", _("Withdrawn by the lead inspector")

    inspection = models.ForeignKey(
        "inspections.Inspection", on_delete=models.CASCADE, related_name="alerts"
    )
    # Numbered within its inspection: "Alert 3" is the inspection's third.
    number = models.PositiveIntegerField()
    cases = models.ManyToManyField("cases.SampledCase", related_name="alerts", blank=True)
    kind = models.CharField(_("what is at risk"), max_length=16, choices=Kind.choices)
    severity = models.CharField(_("severity"), max_length=8, choices=Severity.choices)
    themes = models.JSONField(_("themes"), default=list)
    found = models.TextField(_("what was found"))
    found_cy = models.TextField(_("what was found, in Welsh"), blank=True)
    state = models.CharField(max_length=12, choices=State.choices, default=State.RAISED)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    raised_at = models.DateTimeField(default=timezone.now)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True)
    response_due = models.DateTimeField(null=True)
    reminded_before = models.BooleanField(default=False)
    reminded_after = models.BooleanField(default=False)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    closed_at = models.DateTimeField(null=True)
    closing_note = models.TextField(blank=True)
    # Whom the lead named when the service has no manager who can receive it (or as well).
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recipient_email = models.EmailField(_("e-mail address"), blank=True)
    sent_to = models.TextField(blank=True)  # whom the alert reached, as shown on its page
    # Optimistic locking (yjinspect.versioning): a save names the version it began from.
    version = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-raised_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "number"], name="one_alert_number_per_inspection"
            )
        ]

    def __str__(self) -> str:
        return f"Alert {self.number} ({self.get_kind_display()})"

    WAITING_FOR_SERVICE = (State.CONFIRMED, State.RETURNED)

    def is_overdue(self, now: datetime | None = None) -> bool:
        """Waiting for the service's plan, and past its deadline."""
        return (
            self.state in self.WAITING_FOR_SERVICE
            and self.response_due is not None
            and (now or timezone.now()) > self.response_due
        )

    def theme_labels(self) -> list[str]:
        labels = dict(self.Theme.choices)
        return [str(labels.get(code, code)) for code in self.themes]


class AlertResponse(models.Model):
    """One sending of the service's urgent action plan, and the lead's decision on it."""

    class Decision(models.TextChoices):
        ACCEPTED = "accepted", _("Accepted")
        RETURNED = "returned", _("Returned")

    alert = models.ForeignKey(CaseAlert, on_delete=models.CASCADE, related_name="responses")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    action = models.TextField(_("what the service has done and plans to do"))
    decision = models.CharField(max_length=8, choices=Decision.choices, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True)
    reasons = models.TextField(_("reasons"), blank=True)

    class Meta:
        ordering = ["at", "id"]


class UrgentAction(models.Model):
    """One action of an urgent action plan: what, who owns it, by when, how far it has got
    and the evidence that it is done."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")

    alert = models.ForeignKey(CaseAlert, on_delete=models.CASCADE, related_name="actions")
    number = models.PositiveIntegerField()
    text = models.TextField(_("action"))
    owner = models.CharField(
        _("owner"),
        max_length=200,
        help_text=_("The person who makes it happen, with their role and organisation."),
    )
    due = models.DateField(_("due by"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.NOT_STARTED
    )
    evidence = models.TextField(_("evidence"), blank=True)
    version = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["number", "id"]

    def is_late(self, today: date | None = None) -> bool:
        return self.status != self.Status.DONE and self.due < (today or timezone.localdate())
