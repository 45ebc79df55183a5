"""Summary tables of what was published: one row per published inspection, per standard and
per key question, written when a publication lands (never re-rated), with the columns the
dashboards filter and group by copied onto each row so a figure is one GROUP BY without joins."""

from __future__ import annotations

from django.db import models

from yjinspect.inspections.models import Inspection
from yjinspect.services.models import YouthJusticeService


class Published(models.Model):
    """The filter columns every summary row carries, as they stood at publication."""

    framework_id = models.CharField(max_length=64)
    year = models.PositiveSmallIntegerField()  # the year the report was first published
    nation = models.CharField(max_length=16)
    region = models.CharField(max_length=16, blank=True)

    class Meta:
        abstract = True


class PublishedInspection(Published):
    inspection = models.OneToOneField(
        Inspection, on_delete=models.CASCADE, primary_key=True, related_name="national"
    )
    service = models.ForeignKey(
        YouthJusticeService, on_delete=models.CASCADE, related_name="published_inspections"
    )
    published_on = models.DateField()
    overall = models.CharField(max_length=32, blank=True)  # empty: no overall in this framework
    score = models.PositiveSmallIntegerField(null=True)
    score_max = models.PositiveSmallIntegerField(null=True)
    children = models.PositiveIntegerField(default=0)  # cases assessed (replacements not counted)
    alerts = models.PositiveIntegerField(default=0)  # alerts sent to the service

    class Meta:
        ordering = ["published_on", "inspection_id"]
        # EXPLAIN: a nation and years filter reads 45 of 1,053 rows through it.
        indexes = [models.Index(fields=["year", "nation"], name="national_insp_year_nation")]


class PublishedStandard(Published):
    inspection = models.ForeignKey(
        PublishedInspection, on_delete=models.CASCADE, related_name="standards"
    )
    standard_id = models.CharField(max_length=16)
    rating = models.CharField(max_length=32, blank=True)  # empty: not rated
    points = models.PositiveSmallIntegerField(null=True)
    percent = models.FloatField(null=True)  # a case standard's lowest key question
    scored = models.BooleanField(default=True)

    class Meta:
        ordering = ["inspection_id", "standard_id"]
        # EXPLAIN: the heat map reads one framework's rows (a bitmap index scan, 948 of
        # 11,223 rows on the 150 x 7 dataset).
        indexes = [
            models.Index(fields=["framework_id", "year"], name="national_std_framework_year")
        ]


class PublishedKeyQuestion(Published):
    inspection = models.ForeignKey(
        PublishedInspection, on_delete=models.CASCADE, related_name="key_questions"
    )
    standard_id = models.CharField(max_length=16)
    key_question_id = models.CharField(max_length=16)
    yes = models.PositiveIntegerField()
    applicable = models.PositiveIntegerField()

    class Meta:
        ordering = ["inspection_id", "standard_id", "key_question_id"]
        # EXPLAIN on the 150 x 7 dataset (PostgreSQL 15): key-question trends filter by
        # framework and standard; an index led by both reads 1,566 entries where one on
        # framework and year read 10,962 and filtered (2.4 ms down to 0.7 ms).
        indexes = [
            models.Index(
                fields=["framework_id", "standard_id", "year"], name="national_kq_standard_year"
            )
        ]


class PopulationEstimate(models.Model):
    """Children aged 10 to 17 living in a service's area, by ethnic group (the Census 2021
    categories rolled up to groups on import): the denominator at entry."""

    service = models.ForeignKey(
        YouthJusticeService, on_delete=models.CASCADE, related_name="population_estimates"
    )
    group = models.CharField(max_length=32)  # a group id of policy/ethnicity.yaml
    children = models.PositiveIntegerField()
    source = models.CharField(max_length=64, default="Census 2021, aged 10 to 17")
    scheme = models.CharField(max_length=16)  # the classification's id, e.g. ons-2021
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["service", "group"]
        constraints = [
            models.UniqueConstraint(fields=["service", "group"], name="one_estimate_per_group")
        ]


class NationalVersion(models.Model):
    """One counter, bumped by every change the national pages show (a publication, a plan's
    action, a KPI return, Census figures, a service's region or history): cached pages are
    keyed by it, so none is served once something it shows has changed."""

    version = models.PositiveBigIntegerField(default=0)
