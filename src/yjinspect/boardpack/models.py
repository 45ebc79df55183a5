"""An inspection's data in advance: the service's own records as they stood when the
inspection was announced, kept as the sections an inspector reads, in English and Welsh, so
they do not change while the inspection goes on."""

from __future__ import annotations

from django.db import models


class DataInAdvance(models.Model):
    inspection = models.OneToOneField(
        "inspections.Inspection", on_delete=models.CASCADE, related_name="data_in_advance"
    )
    taken_at = models.DateTimeField()
    quarter = models.CharField(max_length=7)  # the last whole quarter before announcement
    # {"en": {"staffing": "<h2>...", ...}, "cy": {...}}: rendered by our own templates (escaped)
    sections = models.JSONField(default=dict)

    def section(self, language: str, name: str) -> str:
        return str(self.sections.get("cy" if language == "cy" else "en", {}).get(name, ""))
