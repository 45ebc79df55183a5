"""Re-inspection: the earlier published inspections a new one is compared with (the
service's own, or those of the services it was formed from), with their ratings as published
(never re-rated), what each standard corresponds to through the crosswalk, and how their
improvement plans went."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from yjinspect.engine.crosswalk import Correspondence, get_crosswalk
from yjinspect.engine.errors import FrameworkError
from yjinspect.services.models import ServiceChange

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
class Counterpart:
    """What a standard of this inspection corresponds to in an earlier one."""

    kind: str  # same, split, merged or none (engine.crosswalk.Correspondence)
    earlier: tuple[tuple[str, str], ...]  # (standard id, its published rating's title)


@dataclass(frozen=True)
class Previous:
    inspection: Inspection
    ratings: dict[str, Any]  # as published, in the page's language
    plan: dict[str, int] | None  # total, done, overdue
    # This inspection's standards → their counterparts in that one, through the crosswalk:
    # never paired by number alone (2018's 3.4 is not 2021's 3.4).
    counterparts: dict[str, Counterpart]
    predecessor: str | None = None  # the earlier service's name, when it was not this one


def previous_inspections(inspection: Inspection, language: str) -> list[Previous]:
    """The inspections a re-inspection compares with: the service's own latest published one,
    and, for a service formed by a merger or a split since then, the latest published
    inspection of each service it was formed from, before the change."""
    own = _latest(inspection.service_id, inspection.fieldwork_start, inspection)
    found = [_previous(inspection, own, language)] if own else []
    for change in ServiceChange.objects.filter(
        successor_id=inspection.service_id, on__lte=inspection.fieldwork_start
    ).select_related("predecessor"):
        if own is not None and own.fieldwork_start >= change.on:
            continue  # inspected as itself since the change: that is the comparison
        earlier = _latest(change.predecessor_id, change.on, inspection)
        if earlier is not None:
            found.append(_previous(inspection, earlier, language, change.predecessor.name))
    return found


def _latest(service_id: int, before: date, like: Inspection) -> Inspection | None:
    """The latest published one of the same kind: an inspection is compared with
    inspections, a self-assessment with the service's earlier self-assessments."""
    same_kind = (
        Inspection.objects.self_assessments()
        if like.is_self_assessment
        else Inspection.objects.by_inspectorate()
    )
    return (
        same_kind.filter(
            service_id=service_id, fieldwork_start__lt=before, published_ratings__isnull=False
        )
        .order_by("-fieldwork_start")
        .first()
    )


def _previous(
    inspection: Inspection, earlier: Inspection, language: str, predecessor: str | None = None
) -> Previous:
    assert earlier.published_ratings is not None
    ratings = earlier.published_ratings["cy" if language == "cy" else "en"]
    plan = _plan_progress[0](earlier) if _plan_progress else None
    return Previous(
        earlier, ratings, plan, _counterparts(inspection, earlier, ratings), predecessor
    )


def _counterparts(
    inspection: Inspection, earlier: Inspection, ratings: dict[str, Any]
) -> dict[str, Counterpart]:
    standards = ratings.get("standards", {})

    def rated(ids: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
        return tuple((sid, standards.get(sid, {}).get("rating_title", "–")) for sid in ids)

    current = [s.id for s in inspection.framework.standards]
    if earlier.framework_id == inspection.framework_id:
        return {sid: Counterpart(Correspondence.SAME.value, rated((sid,))) for sid in current}
    try:
        walk = get_crosswalk(earlier.framework_id, inspection.framework_id)
    except FrameworkError:
        # No crosswalk joins the versions: nothing is compared rather than pairing by number.
        return {sid: Counterpart(Correspondence.NONE.value, ()) for sid in current}
    found = {}
    for sid in current:
        link = walk.for_later(sid)
        found[sid] = Counterpart(link.kind.value, rated(link.earlier))
    return found
