"""A measure's part for a service and quarter, as numerator and denominator, imported from
the service's returns (measures the product works out from its records are not stored)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from yjinspect.services.models import YouthJusticeService


class MeasureValue(models.Model):
    service = models.ForeignKey(
        YouthJusticeService, on_delete=models.CASCADE, related_name="measure_values"
    )
    quarter = models.CharField(max_length=7)  # 2025Q3
    measure = models.CharField(max_length=32)  # an id from policy/kpis.yaml
    part = models.CharField(max_length=32)
    numerator = models.PositiveIntegerField()
    denominator = models.PositiveIntegerField()
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["service", "quarter", "measure", "part"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "quarter", "measure", "part"], name="one_value_per_part"
            )
        ]
