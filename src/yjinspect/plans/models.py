"""Improvement actions."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImprovementAction(models.Model):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")

    inspection = models.ForeignKey(
        "inspections.Inspection", on_delete=models.CASCADE, related_name="improvement_actions"
    )
    recommendation = models.ForeignKey(
        "findings.Recommendation", on_delete=models.PROTECT, related_name="actions"
    )
    action = models.TextField(_("action"))
    owner = models.CharField(
        _("owner"), max_length=200, help_text=_("A role, e.g. Head of Service")
    )
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # A partner organisation's contact who owns it: reminded by e-mail, no account needed.
    owner_contact = models.ForeignKey(
        "services.PartnerContact",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    due = models.DateField(_("due by"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.NOT_STARTED
    )
    evidence = models.TextField(_("evidence of progress"), blank=True)
    reminded = models.BooleanField(default=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    # Optimistic locking (yjinspect.versioning): a save names the version it began from.
    version = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["recommendation__number", "due", "id"]

    def is_overdue(self, today: date) -> bool:
        return self.status != self.Status.DONE and self.due < today


class PlanSubmission(models.Model):
    """The service's plan as a whole: signed off by its management board, then submitted to
    the inspectorate by the framework's deadline after publication."""

    inspection = models.OneToOneField(
        "inspections.Inspection", on_delete=models.CASCADE, related_name="plan_submission"
    )
    board_member = models.ForeignKey(
        "services.BoardMember", on_delete=models.PROTECT, null=True, related_name="+"
    )
    board_meeting = models.DateField(_("date of the board meeting"), null=True)
    board_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True)
