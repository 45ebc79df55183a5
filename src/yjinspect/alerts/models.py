"""Case alerts, the service's responses, and in-app notifications."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CaseAlert(models.Model):
    class Kind(models.TextChoices):
        CHILD_SAFETY = "child_safety", _("The child's safety")
        OTHERS_SAFETY = "others_safety", _("Other people's safety")
        ORGANISATIONAL = "organisational", _("Organisation-wide (a pattern across cases)")

    class Severity(models.TextChoices):
        CRITICAL = "critical", _("Critical: immediate risk of serious harm")
        HIGH = "high", _("High: serious risk needing action now")
        MEDIUM = "medium", _("Medium: risk needing prompt action")

    class State(models.TextChoices):
        RAISED = "raised", _("Raised, waiting for the lead inspector")
        CONFIRMED = "confirmed", _("Sent to the service, waiting for its response")
        RESPONDED = "responded", _("Responded to by the service")
        CLOSED = "closed", _("Closed")
        WITHDRAWN = "withdrawn", _("Withdrawn by the lead inspector")

    inspection = models.ForeignKey(
        "inspections.Inspection", on_delete=models.CASCADE, related_name="alerts"
    )
    sampled_case = models.ForeignKey(
        "cases.SampledCase",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="alerts",
    )
    kind = models.CharField(_("what is at risk"), max_length=16, choices=Kind.choices)
    severity = models.CharField(_("severity"), max_length=8, choices=Severity.choices)
    found = models.TextField(_("what was found"))
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

    def __str__(self) -> str:
        return f"Alert {self.pk} ({self.get_kind_display()})"

    def is_overdue(self, now: datetime | None = None) -> bool:
        """Sent to the service, not answered, and past its deadline."""
        return (
            self.state == self.State.CONFIRMED
            and self.response_due is not None
            and (now or timezone.now()) > self.response_due
        )


class AlertResponse(models.Model):
    """The service's urgent action, in its own words."""

    alert = models.ForeignKey(CaseAlert, on_delete=models.CASCADE, related_name="responses")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    action = models.TextField(_("urgent action taken or planned"))

    class Meta:
        ordering = ["at", "id"]
