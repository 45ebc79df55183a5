"""Caseload, sample and case assessments. A case carries the service's own reference and
profile fields only: never a child's name or date of birth."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from yjinspect.engine.caseload import CaseRecord
from yjinspect.engine.ethnicity import ETHNICITY_SCHEME

# Which list a case record came from (the framework's population sources).
CASELOAD = "caseload"  # a child, from the caseload
VICTIMS = "victims"  # a victim, from the 2025 victims list


class CaseloadImport(models.Model):
    """One uploaded caseload file: checked on upload, imported all-or-nothing on confirmation."""

    class State(models.TextChoices):
        CHECKED = "checked", _("Checked, waiting for confirmation")
        REFUSED = "refused", _("Refused: the file has problems")
        IMPORTING = "importing", _("Importing")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Failed")
        EXPIRED = "expired", _("Expired unconfirmed: upload it again")

    inspection = models.ForeignKey(
        "inspections.Inspection", on_delete=models.CASCADE, related_name="caseload_imports"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    file_name = models.CharField(max_length=255)
    state = models.CharField(max_length=16, choices=State.choices)
    problems = models.JSONField(default=list)  # every problem, by row and column
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    heartbeat_at = models.DateTimeField(null=True)  # the worker's lease, renewed as it works

    class Meta:
        ordering = ["-uploaded_at", "-id"]


class CaseFields(models.Model):
    """The columns a case has, shared by staged rows and imported cases."""

    case_ref = models.CharField(_("case reference"), max_length=60)
    disposal = models.CharField(max_length=16)
    disposal_type = models.CharField(max_length=60)
    start_date = models.DateField()
    sex = models.CharField(max_length=60)
    age = models.PositiveSmallIntegerField()
    ethnicity = models.CharField(max_length=60)
    # The classification the ethnicity's code belongs to (policy/ethnicity.yaml's scheme), so
    # a later scheme never re-reads an earlier code; filled by the database on every insert.
    ethnicity_scheme = models.CharField(
        max_length=16, default=ETHNICITY_SCHEME, db_default=ETHNICITY_SCHEME
    )
    rosh = models.CharField(max_length=16)
    safety_wellbeing = models.CharField(max_length=16)
    extra = models.JSONField(default=dict, blank=True)

    class Meta:
        abstract = True


class StagedCase(CaseFields):
    """A checked row of an upload waiting for confirmation; moved into Case by one
    INSERT ... SELECT when confirmed, so a large import is a single statement."""

    upload = models.ForeignKey(CaseloadImport, on_delete=models.CASCADE, related_name="staged")

    class Meta:
        ordering = ["id"]


class Case(CaseFields):
    inspection = models.ForeignKey(
        "inspections.Inspection", on_delete=models.CASCADE, related_name="cases"
    )
    # Which list it came from: the caseload (a child) or the victims list (a victim, whose
    # record leaves the child's profile fields empty). The caseload import inserts rows with
    # SQL, so the database supplies the default.
    source = models.CharField(max_length=16, default=CASELOAD, db_default=CASELOAD)

    class Meta:
        ordering = ["case_ref"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "case_ref"], name="case_ref_unique")
        ]

    def __str__(self) -> str:
        return self.case_ref

    @classmethod
    def from_record(cls, inspection: Any, source: str, case: CaseRecord) -> Case:
        """A row of the inspection's list (``source``: the caseload or the victims list)."""
        return cls(
            inspection=inspection,
            source=source,
            case_ref=case.case_ref,
            disposal=case.disposal,
            disposal_type=case.disposal_type,
            start_date=case.start_date,
            sex=case.sex,
            age=case.age,
            ethnicity=case.ethnicity,
            rosh=case.rosh,
            safety_wellbeing=case.safety_wellbeing,
            extra=dict(case.extra),
        )

    def as_record(self) -> CaseRecord:
        return CaseRecord(
            case_ref=self.case_ref,
            disposal=self.disposal,
            disposal_type=self.disposal_type,
            start_date=self.start_date,
            sex=self.sex,
            age=self.age,
            ethnicity=self.ethnicity,
            rosh=self.rosh,
            safety_wellbeing=self.safety_wellbeing,
            extra=self.extra,
        )


class Sample(models.Model):
    """How the sample was drawn, so anyone can draw it again and get the same cases."""

    inspection = models.OneToOneField(
        "inspections.Inspection", on_delete=models.CASCADE, related_name="sample"
    )
    seed = models.BigIntegerField()
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    drawn_at = models.DateTimeField(auto_now_add=True)
    summary = models.JSONField(default=dict)  # population → eligible, size, profile


class SampledCase(models.Model):
    inspection = models.ForeignKey(
        "inspections.Inspection", on_delete=models.CASCADE, related_name="sampled_cases"
    )
    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="sampled")
    population = models.CharField(max_length=32)
    # Other populations that drew the same case (a national standards' audit, where one case
    # serves every standard it is relevant to): it is assessed against each one's standards.
    also_for = models.JSONField(default=list, blank=True)
    stratum = models.CharField(max_length=300)
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cases_to_assess",
    )
    # A replaced case stays on record with the reason; its replacement points back to it.
    replaced_reason = models.TextField(blank=True)
    replaces = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="replaced_by"
    )
    for_moderation = models.BooleanField(default=False)
    second_assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cases_to_second_mark",
    )
    # Optimistic locking (yjinspect.versioning): a save names the version it began from.
    version = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["population", "case__case_ref"]

    @property
    def populations(self) -> tuple[str, ...]:
        return (self.population, *self.also_for)

    @property
    def is_replaced(self) -> bool:
        return bool(self.replaced_reason)

    def __str__(self) -> str:
        return self.case.case_ref


class CaseAssessment(models.Model):
    """One assessor's judgement of one sampled case against one case-based standard."""

    class Kind(models.TextChoices):
        FIRST = "first", _("Assessment")
        SECOND = "second", _("Second assessment (moderation)")

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")

    sampled_case = models.ForeignKey(
        SampledCase, on_delete=models.CASCADE, related_name="assessments"
    )
    standard_id = models.CharField(max_length=16)
    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.FIRST)
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    state = models.CharField(max_length=16, choices=State.choices, default=State.DRAFT)
    case_manager_present = models.BooleanField(null=True)
    # Optimistic locking: a save must name the version it started from.
    version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["sampled_case", "standard_id", "kind"], name="one_assessment_per_standard"
            )
        ]


class Answer(models.Model):
    class Value(models.TextChoices):
        YES = "yes", _("Yes")
        NO = "no", _("No")
        NOT_APPLICABLE = "na", _("Not applicable")

    assessment = models.ForeignKey(CaseAssessment, on_delete=models.CASCADE, related_name="answers")
    key_question_id = models.CharField(max_length=16)
    value = models.CharField(max_length=4, choices=Value.choices)
    evidence = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "key_question_id"], name="one_answer_per_key_question"
            )
        ]


class ModerationDecision(models.Model):
    """The agreed answer where a first and second assessment disagreed on a key question.
    The agreed answer replaces the first assessment's answer, so ratings count it; both
    original answers are kept here."""

    sampled_case = models.ForeignKey(
        SampledCase, on_delete=models.CASCADE, related_name="moderation_decisions"
    )
    standard_id = models.CharField(max_length=16)
    key_question_id = models.CharField(max_length=16)
    first_value = models.CharField(max_length=4)
    second_value = models.CharField(max_length=4)
    agreed_value = models.CharField(max_length=4, choices=Answer.Value.choices)
    note = models.TextField(blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["sampled_case", "key_question_id"], name="one_decision_per_question"
            )
        ]


class WorkbookImport(models.Model):
    """An offline assessment workbook brought back: checked and previewed on upload, applied
    all or nothing when its assessor confirms."""

    class State(models.TextChoices):
        CHECKED = "checked", _("Checked, waiting to be applied")
        REFUSED = "refused", _("Refused")
        APPLIED = "applied", _("Applied")

    inspection = models.ForeignKey(
        "inspections.Inspection", on_delete=models.CASCADE, related_name="workbook_imports"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    file_name = models.CharField(max_length=255)
    content = models.BinaryField(default=b"")  # kept until applied
    state = models.CharField(max_length=16, choices=State.choices)
    problems = models.JSONField(default=list)
    changes = models.JSONField(default=list)  # what applying saves
    conflicts = models.JSONField(default=list)  # answers changed online since the export

    class Meta:
        ordering = ["-uploaded_at", "-id"]


class CaseloadProfile(models.Model):
    """How one service's case-management export maps to a caseload (engine.mapping): saved for
    the service and reused by its later inspections."""

    service = models.ForeignKey(
        "services.YouthJusticeService", on_delete=models.CASCADE, related_name="caseload_profiles"
    )
    name = models.CharField(_("name"), max_length=100)
    mapping = models.JSONField()  # engine.mapping.ColumnMapping.as_data()
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["service", "name"], name="one_profile_name_per_service")
        ]
