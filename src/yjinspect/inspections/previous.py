"""Re-inspection: the same service's previous published inspection, with its ratings as
published (never re-rated) and how its improvement plan went."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from .models import Inspection

# How an inspection's improvement plan went ({"total", "done", "overdue"}), given by the
# plans app when it loads: plans sit above inspections, which must not import them.
PlanProgress = Callable[[Inspection], dict[str, int]]
_plan_progress: list[PlanProgress] = []


P = TypeVar("P", bound=PlanProgress)


def plan_progress_from(provider: P) -> P:
    _plan_progress[:] = [provider]
    return provider


@dataclass(frozen=True)
class Previous:
    inspection: Inspection
    ratings: dict[str, Any]  # as published, in the page's language
    plan: dict[str, int] | None  # total, done, overdue


def previous_inspection(inspection: Inspection, language: str) -> Previous | None:
    """The latest earlier published inspection of the same service (published, so its
    ratings are public and anyone on the new inspection may see them)."""
    earlier = (
        Inspection.objects.filter(
            service_id=inspection.service_id,
            fieldwork_start__lt=inspection.fieldwork_start,
            published_ratings__isnull=False,
        )
        .order_by("-fieldwork_start")
        .first()
    )
    if earlier is None or earlier.published_ratings is None:
        return None
    ratings = earlier.published_ratings["cy" if language == "cy" else "en"]
    plan = _plan_progress[0](earlier) if _plan_progress else None
    return Previous(earlier, ratings, plan)
