"""The out-of-court decision panel's meetings (who was there) and its decisions (on what
information, with what outcome and why). Agencies, information and outcomes are the service
policy's lists, stored by id."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from yjinspect.casework.models import ServiceCase
from yjinspect.services.models import YouthJusticeService


class Panel(models.Model):
    service = models.ForeignKey(
        YouthJusticeService, on_delete=models.CASCADE, related_name="decision_panels"
    )
    held_on = models.DateField(_("held on"))
    agencies = models.JSONField(_("agencies present"), default=list)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["service", "-held_on", "-id"]


class PanelDecision(models.Model):
    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="decisions")
    case = models.ForeignKey(ServiceCase, on_delete=models.CASCADE, related_name="panel_decisions")
    information = models.JSONField(_("information the panel had"), default=list)
    outcome = models.CharField(_("outcome"), max_length=40)
    reason = models.TextField(_("reason"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["panel", "id"]
        constraints = [
            models.UniqueConstraint(fields=["panel", "case"], name="one_decision_per_case_a_panel")
        ]
