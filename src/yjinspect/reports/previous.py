"""Re-inspection: the same service's previous published inspection, its ratings and how its
improvement plan ended, shown beside the new ratings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from yjinspect.inspections.models import Inspection
from yjinspect.plans.services import progress
from yjinspect.ratings.services import live_ratings

from .models import PublishedReport


@dataclass(frozen=True)
class Previous:
    inspection: Inspection
    ratings: dict[str, Any]  # the engine's JSON for it, in the page's language
    plan: dict[str, int]  # total, done, overdue


def previous_inspection(inspection: Inspection, language: str) -> Previous | None:
    """The latest earlier inspection of the same service with a published report (published,
    so its ratings are public and anyone on the new inspection may see them)."""
    earlier = (
        Inspection.objects.filter(
            service_id=inspection.service_id,
            fieldwork_start__lt=inspection.fieldwork_start,
            pk__in=PublishedReport.objects.values("inspection_id"),
        )
        .order_by("-fieldwork_start")
        .first()
    )
    if earlier is None:
        return None
    return Previous(earlier, live_ratings(earlier, language).json, progress(earlier))
