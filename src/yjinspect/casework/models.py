"""The service's own caseload, as it runs week by week (not an inspection's copy of it): each
child's case with its case manager, and every allocation with the suggestion it was made from.

A case carries the service's reference and profile fields only: never a name or a date of birth.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from yjinspect.engine.caseload import CaseRecord
from yjinspect.engine.ethnicity import ETHNICITY_SCHEME
from yjinspect.services.models import YouthJusticeService
from yjinspect.staffing.models import StaffMember


class Disposal(models.TextChoices):
    COURT = "court", _("Court")
    OUT_OF_COURT = "out_of_court", _("Out of court")


class RiskLevel(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")
    VERY_HIGH = "very_high", _("Very high")


class ServiceCase(models.Model):
    service = models.ForeignKey(
        YouthJusticeService, on_delete=models.CASCADE, related_name="service_cases"
    )
    case_ref = models.CharField(_("case reference"), max_length=60)
    disposal = models.CharField(_("disposal"), max_length=16, choices=Disposal.choices)
    disposal_type = models.CharField(_("disposal type"), max_length=60)
    sex = models.CharField(_("sex"), max_length=60)
    age = models.PositiveSmallIntegerField(_("age"))
    ethnicity = models.CharField(_("ethnicity group"), max_length=60)
    # The classification the code belongs to (policy/ethnicity.yaml's scheme).
    ethnicity_scheme = models.CharField(
        max_length=16, default=ETHNICITY_SCHEME, db_default=ETHNICITY_SCHEME
    )
    rosh = models.CharField(_("risk of serious harm"), max_length=16, choices=RiskLevel.choices)
    safety_wellbeing = models.CharField(
        _("safety and wellbeing concern"), max_length=16, choices=RiskLevel.choices
    )
    starts_on = models.DateField(_("started on"))
    ends_on = models.DateField(_("closed on"), null=True, blank=True)
    case_manager = models.ForeignKey(
        StaffMember,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("case manager"),
    )
    # Need ids from the service policy (interventions.needs), from the service's assessment.
    needs = models.JSONField(_("needs"), default=list, blank=True)

    class Meta:
        ordering = ["service", "case_ref"]
        constraints = [
            models.UniqueConstraint(fields=["service", "case_ref"], name="service_case_ref_unique")
        ]

    def __str__(self) -> str:
        return self.case_ref

    def fields(self) -> dict[str, str]:
        """The case as the service policy reads it (skills needed, weight)."""
        return {
            "disposal": self.disposal,
            "disposal_type": self.disposal_type,
            "sex": self.sex,
            "rosh": self.rosh,
            "safety_wellbeing": self.safety_wellbeing,
            "ethnicity": self.ethnicity,
        }

    def as_record(self) -> CaseRecord:
        """The case as a caseload lists it (a self-assessment's caseload is taken from here)."""
        return CaseRecord(
            case_ref=self.case_ref,
            disposal=self.disposal,
            disposal_type=self.disposal_type,
            start_date=self.starts_on,
            sex=self.sex,
            age=self.age,
            ethnicity=self.ethnicity,
            rosh=self.rosh,
            safety_wellbeing=self.safety_wellbeing,
        )


class Allocation(models.Model):
    """A case given to a case manager: the ranking offered, who was chosen, and why if not the
    first suggested."""

    case = models.ForeignKey(ServiceCase, on_delete=models.CASCADE, related_name="allocations")
    practitioner = models.ForeignKey(
        StaffMember, on_delete=models.PROTECT, related_name="allocations"
    )
    suggested = models.ForeignKey(
        StaffMember, on_delete=models.PROTECT, null=True, related_name="+"
    )
    # The suggestions as shown: [{"id", "name", "matched", "missing", "load", "capacity"}, ...]
    ranking = models.JSONField(default=list)
    override_reason = models.TextField(_("why not the first suggestion"), blank=True)
    allocated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    allocated_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["case", "-allocated_at", "-id"]
