"""Recorded judgement ratings, overrides and sign-offs. Case-based ratings are never stored:
they are computed by the engine from the answers every time they are shown."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class JudgementRating(models.Model):
    """The team's rating of a judgement standard, with its reasons."""

    inspection = models.ForeignKey(
        "inspections.Inspection", on_delete=models.CASCADE, related_name="judgement_ratings"
    )
    standard_id = models.CharField(max_length=16)
    rating = models.CharField(_("rating"), max_length=32)  # a scale level, or not_rated
    reasons = models.TextField(_("reasons"))
    # One of the framework's reasons when the rating is not_rated.
    not_rated_reason = models.CharField(max_length=32, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now=True)
    # Optimistic locking (yjinspect.versioning): a save names the version it began from.
    version = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["inspection", "standard_id"], name="one_judgement")
        ]


class RatingOverride(models.Model):
    """A lead inspector's rating in place of the computed one; the reason is shown with it.
    Also how a case-based standard is recorded as not rated (``not_rated_reason`` set), with
    or without cases: a small service's figures are kept but not banded."""

    inspection = models.ForeignKey(
        "inspections.Inspection", on_delete=models.CASCADE, related_name="overrides"
    )
    standard_id = models.CharField(max_length=16)
    rating = models.CharField(_("rating"), max_length=32)
    reason = models.TextField(_("reason"))
    not_rated_reason = models.CharField(max_length=32, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now=True)
    # Optimistic locking (yjinspect.versioning): a save names the version it began from.
    version = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["inspection", "standard_id"], name="one_override")
        ]


class OverallJudgement(models.Model):
    """The team's overall rating, where the framework's overall is a recorded judgement (2025),
    with its reasons. Signed off with the standards' ratings."""

    inspection = models.OneToOneField(
        "inspections.Inspection", on_delete=models.CASCADE, related_name="overall_judgement"
    )
    rating = models.CharField(_("rating"), max_length=32)
    reasons = models.TextField(_("reasons"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=0)


class SignOff(models.Model):
    """The lead inspector's sign-off of the ratings, with a frozen copy of what was signed."""

    inspection = models.ForeignKey(
        "inspections.Inspection", on_delete=models.CASCADE, related_name="sign_offs"
    )
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    snapshot = models.JSONField()  # the ratings JSON and the evidence counts as signed
    fingerprint = models.CharField(max_length=64)  # of the evidence; a change re-opens it

    class Meta:
        ordering = ["-at", "-id"]
