"""Published report versions: immutable, numbered, with the checksum of the PDF."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PublishedReport(models.Model):
    inspection = models.ForeignKey(
        "inspections.Inspection", on_delete=models.PROTECT, related_name="published_reports"
    )
    version = models.PositiveIntegerField()
    language = models.CharField(max_length=8)
    html = models.TextField()
    pdf = models.BinaryField()
    sha256 = models.CharField(max_length=64)  # of the PDF, shown so copies can be checked
    # The same PDF on the storage backend (settings.STORAGES["default"]): its name there.
    stored_as = models.CharField(max_length=255, blank=True)
    # Of the report's text (its HTML with this field's place left empty): printed inside the
    # PDF itself, which cannot carry its own checksum.
    content_sha256 = models.CharField(max_length=64, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(auto_now_add=True)
    # Empty for the first version; a correction says what it changes and why.
    correction_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-version", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "version", "language"], name="one_report_per_version"
            )
        ]

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Published means published: a version is written once and never changed.
        if self.pk is not None:
            raise ValueError("a published report cannot be changed")
        super().save(*args, **kwargs)


class AccuracyComment(models.Model):
    """The service's comment on one paragraph of the draft report, and the lead inspector's
    decision on it, with the reason."""

    class Decision(models.TextChoices):
        PENDING = "pending", _("Waiting for a decision")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    inspection = models.ForeignKey(
        "inspections.Inspection", on_delete=models.CASCADE, related_name="accuracy_comments"
    )
    paragraph = models.CharField(_("paragraph"), max_length=64)  # a key from report_paragraphs
    comment = models.TextField(_("comment"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    decision = models.CharField(max_length=8, choices=Decision.choices, default=Decision.PENDING)
    reason = models.TextField(_("reason for the decision"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True)

    class Meta:
        ordering = ["at", "id"]


class PublishJob(models.Model):
    """Rendering and publishing a new version, done in the background with its progress."""

    class State(models.TextChoices):
        RUNNING = "running", _("Publishing")
        DONE = "done", _("Published")
        FAILED = "failed", _("Failed")

    inspection = models.ForeignKey(
        "inspections.Inspection", on_delete=models.CASCADE, related_name="publish_jobs"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    state = models.CharField(max_length=8, choices=State.choices, default=State.RUNNING)
    steps_done = models.PositiveSmallIntegerField(default=0)
    steps_total = models.PositiveSmallIntegerField(default=0)
    version = models.PositiveIntegerField(null=True)
    reason = models.TextField(blank=True)  # a correction's reason
    heartbeat_at = models.DateTimeField(null=True)  # the worker's lease, renewed as it works
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]


class ReportContent(models.Model):
    """What the lead writes for the report beyond findings and recommendations: the foreword
    and the overall findings, in English and Welsh; and, for a service in England, whether a
    Welsh version is published too."""

    inspection = models.OneToOneField(
        "inspections.Inspection", on_delete=models.CASCADE, related_name="report_content"
    )
    foreword = models.TextField(_("foreword"), blank=True)
    foreword_cy = models.TextField(_("foreword, in Welsh"), blank=True)
    overall = models.TextField(_("overall findings"), blank=True)
    overall_cy = models.TextField(_("overall findings, in Welsh"), blank=True)
    welsh = models.BooleanField(_("publish a Welsh version too"), default=False)
    version = models.PositiveIntegerField(default=0)
