"""Findings, domain summaries and recommendations."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Finding(models.Model):
    class Kind(models.TextChoices):
        STRENGTH = "strength", _("Strength")
        IMPROVEMENT = "improvement", _("Area for improvement")

    inspection = models.ForeignKey(
        "inspections.Inspection", on_delete=models.CASCADE, related_name="findings"
    )
    standard_id = models.CharField(max_length=16)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    text = models.TextField(_("finding"))
    text_cy = models.TextField(_("finding, in Welsh"), blank=True)
    # Its place among the standard's findings of its kind (the lead may reorder them).
    position = models.PositiveIntegerField(default=0)
    # The evidence it rests on: key questions (case evidence) and fieldwork evidence items.
    key_questions = models.JSONField(default=list, blank=True)
    evidence = models.ManyToManyField("fieldwork.EvidenceItem", blank=True, related_name="+")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    # Optimistic locking (yjinspect.versioning): a save names the version it began from.
    version = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["standard_id", "kind", "position", "at", "id"]


class DomainSummary(models.Model):
    inspection = models.ForeignKey(
        "inspections.Inspection", on_delete=models.CASCADE, related_name="domain_summaries"
    )
    domain_id = models.CharField(max_length=16)
    text = models.TextField(_("summary"))
    text_cy = models.TextField(_("summary, in Welsh"), blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now=True)
    # Optimistic locking (yjinspect.versioning): a save names the version it began from.
    version = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["inspection", "domain_id"], name="one_summary")
        ]


class Body(models.TextChoices):
    """Who a recommendation is addressed to."""

    SERVICE = "service", _("The youth justice service")
    BOARD = "board", _("The management board")
    LOCAL_AUTHORITY = "local_authority", _("The local authority")
    POLICE = "police", _("The police")
    HEALTH = "health", _("The health board or health partners")
    PROBATION = "probation", _("The Probation Service")
    EDUCATION = "education", _("Education partners")
    CHILDRENS_SERVICES = "childrens_services", _("Children's social care")
    OTHER = "other", _("Another body (named below)")


class Recommendation(models.Model):
    inspection = models.ForeignKey(
        "inspections.Inspection", on_delete=models.CASCADE, related_name="recommendations"
    )
    body = models.CharField(_("addressed to"), max_length=24, choices=Body.choices)
    # The named body it is for ("South Wales Police"); its kind is ``body``.
    body_name = models.CharField(_("name of the body"), max_length=200, blank=True)
    text = models.TextField(_("recommendation"))
    text_cy = models.TextField(_("recommendation, in Welsh"), blank=True)
    standards = models.JSONField(default=list)  # the standards it follows from
    number = models.PositiveSmallIntegerField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    # Optimistic locking (yjinspect.versioning): a save names the version it began from.
    version = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["number"]

    @property
    def addressee(self) -> str:
        return self.body_name or str(self.get_body_display())
