"""Inspection, its lifecycle history and its team."""

from __future__ import annotations

from functools import cached_property

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from yjinspect.accounts.models import Role
from yjinspect.engine import Framework, Text, get_framework, installed_frameworks


class Status(models.TextChoices):
    """The lifecycle's stages, in order; what each allows and how an inspection moves between
    them is in lifecycle.py."""

    ANNOUNCED = "announced", _("Announced")
    DATA_IN_ADVANCE = "data_in_advance", _("Data in advance")
    SAMPLING = "sampling", _("Sampling")
    FIELDWORK = "fieldwork", _("Fieldwork")
    MODERATION = "moderation", _("Moderation")
    RATED = "rated", _("Rating and sign-off")
    REPORT_DRAFTED = "report_drafted", _("Report drafting")
    FACTUAL_ACCURACY = "factual_accuracy", _("Factual-accuracy check")
    PUBLISHED = "published", _("Published")
    MONITORING = "monitoring", _("Monitoring the improvement plan")
    CLOSED = "closed", _("Closed")


def self_assessment_frameworks() -> list[str]:
    """The frameworks a service assesses itself against (the YJB's national standards)."""
    return [f.id for f in installed_frameworks().values() if f.is_self_assessment]


class InspectionQuerySet(models.QuerySet["Inspection"]):
    def by_inspectorate(self) -> InspectionQuerySet:
        """Inspections proper: never a service's own self-assessment."""
        return self.exclude(framework_id__in=self_assessment_frameworks())

    def self_assessments(self) -> InspectionQuerySet:
        return self.filter(framework_id__in=self_assessment_frameworks())


class Inspection(models.Model):
    """An inspection by the inspectorate or, under a self-assessment framework, a service's
    self-assessment: the same sample, assessment, moderation, rating and plan machinery, run
    by the service's own people and never seen by the inspectorate."""

    service = models.ForeignKey(
        "services.YouthJusticeService", on_delete=models.PROTECT, related_name="inspections"
    )
    framework_id = models.CharField(_("framework"), max_length=64)
    fieldwork_start = models.DateField(_("fieldwork starts"))
    fieldwork_end = models.DateField(_("fieldwork ends"))
    status = models.CharField(
        _("status"), max_length=32, choices=Status.choices, default=Status.ANNOUNCED
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # The ratings as published (both languages, from the sign-off the report was published
    # on): written once by the publishing job and never re-rated, so a later framework edit
    # or a change of data cannot alter a published figure.
    published_ratings = models.JSONField(null=True, blank=True, editable=False)
    # Bumped by every change to the inspection's records; cached pages are keyed by it.
    data_version = models.PositiveBigIntegerField(default=0, editable=False)
    # Titles this inspection gives the framework's generic standards (a joint inspection's
    # themed area): {standard id: {"en": ..., "cy": ...}}.
    standard_titles = models.JSONField(default=dict, blank=True, editable=False)
    # The domains a self-assessment covers (one national standard or all five); empty: all.
    scope = models.JSONField(default=list, blank=True, editable=False)

    objects = InspectionQuerySet.as_manager()

    class Meta:
        ordering = ["-fieldwork_start", "service__name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(fieldwork_end__gte=models.F("fieldwork_start")),
                name="fieldwork_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return f"{self.service} ({self.fieldwork_start:%B %Y})"

    @cached_property
    def framework(self) -> Framework:
        """The inspection's framework, with the titles it gave its own standards."""
        framework = get_framework(self.framework_id)
        titles = {
            sid: Text(en=title["en"], cy=title.get("cy") or title["en"])
            for sid, title in (self.standard_titles or {}).items()
            if framework.has_standard(sid)
        }
        return framework.with_standard_titles(titles).restricted_to(tuple(self.scope or ()))

    @property
    def is_self_assessment(self) -> bool:
        return get_framework(self.framework_id).is_self_assessment

    @property
    def is_published(self) -> bool:
        return self.published_ratings is not None


class StatusChange(models.Model):
    inspection = models.ForeignKey(
        Inspection, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(max_length=32, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=32, choices=Status.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]


TEAM_ROLES = [
    (Role.LEAD_INSPECTOR.value, Role.LEAD_INSPECTOR.label),
    (Role.INSPECTOR.value, Role.INSPECTOR.label),
    (Role.LOCAL_ASSESSOR.value, Role.LOCAL_ASSESSOR.label),
    (Role.PARTNER_INSPECTOR.value, Role.PARTNER_INSPECTOR.label),
]


class Grant(models.TextChoices):
    """What a lead may let a partner inspector do beyond assessing their own cases and adding
    evidence (see yjinspect.inspections.permissions)."""

    CASES = "cases", _("See the whole caseload, the sample and moderation")
    RATINGS = "ratings", _("See the ratings and record judgement ratings")
    FINDINGS = "findings", _("Write findings and read the draft report")
    CONSENTS = "consents", _("Withdraw a consent (which removes the evidence that used it)")


class TeamMember(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="team")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="inspection_roles"
    )
    role = models.CharField(_("role on this inspection"), max_length=32, choices=TEAM_ROLES)
    # For partner inspectors: the Grant values the lead has given them on this inspection.
    grants = models.JSONField(_("also allowed to"), default=list, blank=True)
    # Optimistic locking (yjinspect.versioning): a save names the version it began from.
    version = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["role", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "user"], name="one_role_per_inspection")
        ]

    def __str__(self) -> str:
        return f"{self.user.get_username()}: {self.get_role_display()}"
