"""Whom to inspect next: each current service's figures for the configured components,
gathered from the national indicators' returns, the published inspections and their caseloads,
and ranked by the engine (``engine/selection.py``) with the weights shown beside the list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Max, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from yjinspect.cases.models import CASELOAD, Case
from yjinspect.engine import get_framework
from yjinspect.engine.measures import measure
from yjinspect.engine.selection import Component, Figures, Part, Ranked, SelectionPolicy, rank
from yjinspect.engine.selection import selection_policy as policy
from yjinspect.kpis.models import MeasureValue
from yjinspect.quarters import Quarter
from yjinspect.routers import dashboard_database
from yjinspect.services.models import ServiceChange, YouthJusticeService

from .figures import Filters, level_title
from .models import PublishedInspection

__all__ = ["Row", "policy", "ranking", "reason_text"]


@dataclass(frozen=True)
class Row:
    ranked: Ranked
    service: YouthJusticeService
    last_published: date | None
    last_overall: str  # the last overall rating's title, or ""


def _quarters(chosen: SelectionPolicy) -> list[str]:
    latest = MeasureValue.objects.using(dashboard_database()).aggregate(q=Max("quarter"))["q"]
    if latest is None:
        return []
    quarter, found = Quarter.parse(latest), []
    for _step in range(chosen.quarters):
        found.append(str(quarter))
        quarter = quarter.previous()
    return found


def ranking(filters: Filters, today: date | None = None) -> tuple[list[Row], list[str]]:
    """The ranked services in the filters (those merged or split away are gone) and the
    quarters the indicators were summed over."""
    today = today or timezone.localdate()
    chosen = policy()
    db = dashboard_database()
    services = YouthJusticeService.objects.using(db).exclude(
        pk__in=ServiceChange.objects.using(db).values("predecessor")
    )
    if filters.nation:
        services = services.filter(nation=filters.nation)
    if filters.region:
        services = services.filter(region=filters.region)
    by_id = {s.pk: s for s in services}
    quarters = _quarters(chosen)
    sums = {
        (r["service_id"], r["measure"]): (r["num"], r["den"])
        for r in MeasureValue.objects.using(db)
        .filter(service_id__in=by_id, quarter__in=quarters)
        .values("service_id", "measure")
        .annotate(num=Sum("numerator"), den=Sum("denominator"))
    }
    last: dict[int, PublishedInspection] = {}
    for published in PublishedInspection.objects.filter(service_id__in=by_id).order_by(
        "published_on", "inspection_id"
    ):
        last[published.service_id] = published
    caseloads = dict(
        Case.objects.using(db)
        .filter(inspection_id__in=[s.inspection_id for s in last.values()], source=CASELOAD)
        .values_list("inspection_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    figures = []
    for service_id in by_id:
        values: dict[str, float | None] = {}
        for component in chosen.components:
            values[component.id] = _value(
                component, service_id, last.get(service_id), sums, caseloads, today
            )
        figures.append(Figures(str(service_id), values))
    rows = []
    for ranked in rank(figures, chosen):
        summary = last.get(int(ranked.key))
        overall = (
            level_title(summary.framework_id, summary.overall)
            if summary is not None and summary.overall
            else ""
        )
        rows.append(
            Row(ranked, by_id[int(ranked.key)], summary.published_on if summary else None, overall)
        )
    return rows, quarters


def _value(
    component: Component,
    service_id: int,
    summary: PublishedInspection | None,
    sums: dict[tuple[int, str], tuple[int, int]],
    caseloads: dict[int, int],
    today: date,
) -> float | None:
    if component.source == "measure":
        found = measure(component.measure or "")
        num, den = sums.get((service_id, component.measure or ""), (0, 0))
        return found.value(num, den) if found is not None and den else None
    if component.source == "years_since_inspection":
        if summary is None:  # never inspected: as long ago as the cap counts
            return component.cap
        return round((today - summary.published_on).days / 365.25, 2)
    if summary is None:
        return None
    if component.source == "last_rating":
        if not summary.overall:
            return None
        levels = [level.id for level in get_framework(summary.framework_id).scale]
        # 1 for the top level, 0 for the bottom: a lower value is the concern.
        return (len(levels) - 1 - levels.index(summary.overall)) / (len(levels) - 1)
    if component.source == "caseload":
        return float(caseloads.get(summary.inspection_id, 0)) or None
    return None


def reason_text(part: Part, language: str, last_rating: str = "") -> str:
    """One part of a score in words: the figure, where it places the service, its points."""
    title = part.component.title.get(language)
    if part.value is None:
        figure = _("no figure (placed in the middle)")
    elif part.component.source == "last_rating":
        figure = last_rating or f"{part.value:.2f}"
    elif part.component.source == "years_since_inspection":
        figure = _("%(years)s years") % {"years": f"{part.value:.1f}"}
    elif part.component.source == "measure":
        found = measure(part.component.measure or "")
        per = found.per if found is not None else 100
        figure = (
            f"{part.value:.1f}%"
            if per == 100
            else _("%(value)s per %(per)s") % {"value": f"{part.value:,.1f}", "per": f"{per:,}"}
        )
    else:
        figure = f"{part.value:,.0f}"
    return _(
        "%(title)s: %(figure)s, at %(share)d%% on the scale of concern among these services "
        "(%(points)s points)"
    ) % {
        "title": title,
        "figure": figure,
        "share": round(100 * part.concern),
        "points": f"{part.points:.1f}",
    }
