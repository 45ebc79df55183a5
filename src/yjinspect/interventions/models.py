"""The interventions the service offers (the need each meets, who provides it, who is
eligible) and each child's referrals to them, from referral to outcome."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from yjinspect.casework.models import ServiceCase
from yjinspect.services.models import YouthJusticeService


class Intervention(models.Model):
    service = models.ForeignKey(
        YouthJusticeService, on_delete=models.CASCADE, related_name="interventions"
    )
    name = models.CharField(_("name"), max_length=200)
    need = models.CharField(_("need it meets"), max_length=32)  # a need id from the policy
    provider = models.CharField(_("provider"), max_length=200)
    eligibility = models.CharField(_("who is eligible"), max_length=500, blank=True)
    active = models.BooleanField(_("offered now"), default=True)

    class Meta:
        ordering = ["service", "name"]
        constraints = [
            models.UniqueConstraint(fields=["service", "name"], name="intervention_name_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Referral(models.Model):
    class Outcome(models.TextChoices):
        ONGOING = "ongoing", _("Ongoing")
        COMPLETED = "completed", _("Completed")
        NOT_COMPLETED = "not_completed", _("Ended without completing")
        DECLINED = "declined", _("Declined or did not start")

    intervention = models.ForeignKey(
        Intervention, on_delete=models.CASCADE, related_name="referrals"
    )
    case = models.ForeignKey(ServiceCase, on_delete=models.CASCADE, related_name="referrals")
    referred_on = models.DateField(_("referred on"))
    started_on = models.DateField(_("started on"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=16, choices=Outcome.choices, default=Outcome.ONGOING
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["intervention", "-referred_on", "-id"]
