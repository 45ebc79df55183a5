"""Information about a child that must reach their case manager (a missing episode, an arrest),
and the child's exploitation screening and National Referral Mechanism referrals.

Cases are named by the service's reference; a notice's summary holds no names.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from yjinspect.casework.models import ServiceCase
from yjinspect.staffing.models import StaffMember


class Notice(models.Model):
    class Kind(models.TextChoices):
        MISSING = "missing", _("Missing episode")
        ARREST = "arrest", _("Arrest")
        OTHER = "other", _("Other information")

    case = models.ForeignKey(ServiceCase, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(_("what it is about"), max_length=16, choices=Kind.choices)
    from_agency = models.CharField(
        _("from"), max_length=200, help_text=_("e.g. the police, children's services")
    )
    occurred_at = models.DateTimeField(_("when it happened"))
    received_at = models.DateTimeField(_("when the service received it"))
    seen_at = models.DateTimeField(_("when the case manager saw it"), null=True, blank=True)
    seen_by = models.ForeignKey(
        StaffMember, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    summary = models.CharField(_("summary"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-received_at", "-id"]

    @property
    def time_to_receive(self) -> timedelta:
        return self.received_at - self.occurred_at

    @property
    def time_to_reach(self) -> timedelta | None:
        return self.seen_at - self.received_at if self.seen_at else None


class ExploitationScreening(models.Model):
    class Outcome(models.TextChoices):
        NONE = "none", _("No concerns")
        CRIMINAL = "criminal", _("Criminal exploitation (e.g. county lines)")
        SEXUAL = "sexual", _("Sexual exploitation")
        BOTH = "both", _("Criminal and sexual exploitation")

    case = models.ForeignKey(ServiceCase, on_delete=models.CASCADE, related_name="screenings")
    screened_on = models.DateField(_("screened on"))
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-screened_on", "-id"]

    @property
    def concern(self) -> bool:
        return self.outcome != self.Outcome.NONE


class Decision(models.TextChoices):
    PENDING = "pending", _("Awaited")
    POSITIVE = "positive", _("Positive")
    NEGATIVE = "negative", _("Negative")


class NrmReferral(models.Model):
    """A referral to the National Referral Mechanism and its two decisions."""

    case = models.ForeignKey(ServiceCase, on_delete=models.CASCADE, related_name="nrm_referrals")
    referred_on = models.DateField(_("referred on"))
    first_responder = models.CharField(
        _("first responder organisation"),
        max_length=200,
        help_text=_("The body that made the referral, e.g. the local authority"),
    )
    reasonable_grounds = models.CharField(
        _("reasonable grounds decision"),
        max_length=16,
        choices=Decision.choices,
        default=Decision.PENDING,
    )
    reasonable_grounds_on = models.DateField(_("decided on"), null=True, blank=True)
    conclusive_grounds = models.CharField(
        _("conclusive grounds decision"),
        max_length=16,
        choices=Decision.choices,
        default=Decision.PENDING,
    )
    conclusive_grounds_on = models.DateField(_("decided on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-referred_on", "-id"]
