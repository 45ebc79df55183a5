"""A service's published ratings over time, across framework versions: each earlier rating
is placed beside the latest framework's standard only where the crosswalk says they are the
same standard. A split or merged standard, or one with no counterpart, is never joined to a
series it does not belong to; it is listed apart under its own version."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from yjinspect.engine import get_framework
from yjinspect.engine.crosswalk import Correspondence, get_crosswalk
from yjinspect.engine.errors import FrameworkError
from yjinspect.services.models import ServiceChange, YouthJusticeService

from .figures import language, level_title
from .models import PublishedInspection, PublishedStandard


@dataclass(frozen=True)
class Column:
    service: str
    published_on: str
    framework_id: str
    framework: str
    overall: str


@dataclass(frozen=True)
class Series:
    standard_id: str
    title: str
    cells: list[str]


@dataclass(frozen=True)
class History:
    columns: list[Column]
    series: list[Series]  # the latest framework's standards, joined where the same
    apart: list[Series]  # earlier standards with no single counterpart, in their own column


def services_with_history(service: YouthJusticeService) -> list[YouthJusticeService]:
    """The service and those it was formed from (a merger or a split), whose inspections are
    its history too."""
    earlier = [
        change.predecessor
        for change in ServiceChange.objects.filter(successor=service).select_related("predecessor")
    ]
    return [*earlier, service]


def history(service: YouthJusticeService) -> History:
    shown_in = language()
    inspections = list(
        PublishedInspection.objects.filter(service__in=services_with_history(service))
        .select_related("service")
        .order_by("published_on", "inspection_id")
    )
    ratings: dict[int, dict[str, str]] = {}
    for row in PublishedStandard.objects.filter(inspection__in=inspections).values(
        "inspection_id", "standard_id", "rating"
    ):
        ratings.setdefault(row["inspection_id"], {})[row["standard_id"]] = row["rating"]
    columns = [
        Column(
            i.service.name,
            f"{i.published_on:%d/%m/%Y}",
            i.framework_id,
            get_framework(i.framework_id).title.get(shown_in),
            level_title(i.framework_id, i.overall) if i.overall else "–",
        )
        for i in inspections
    ]
    if not inspections:
        return History([], [], [])
    latest = get_framework(inspections[-1].framework_id)
    series = {s.id: Series(s.id, s.title.get(shown_in), []) for s in latest.standards}
    apart: dict[tuple[str, str], Series] = {}
    for index, inspection in enumerate(inspections):
        given = ratings.get(inspection.pk, {})
        framework_id = inspection.framework_id
        joined: set[str] = set()
        for standard in latest.standards:
            cell, earlier_id = _cell(framework_id, latest.id, standard.id)
            if earlier_id is not None:
                cell = level_title(framework_id, given.get(earlier_id, ""))
                joined.add(earlier_id)
            series[standard.id].cells.append(cell)
        earlier = get_framework(framework_id)
        for standard in earlier.standards:
            if standard.id in joined or framework_id == latest.id:
                continue
            line = apart.setdefault(
                (framework_id, standard.id),
                Series(
                    f"{standard.id} ({earlier.title.get(shown_in)})",
                    standard.title.get(shown_in),
                    ["" for _c in inspections],
                ),
            )
            line.cells[index] = level_title(framework_id, given.get(standard.id, ""))
    return History(columns, list(series.values()), list(apart.values()))


def _cell(earlier_id: str, later_id: str, standard_id: str) -> tuple[str, str | None]:
    """What stands in an earlier inspection's column for the later standard: the earlier
    standard's id when they are the same standard, else the reason there is nothing."""
    if earlier_id == later_id:
        return "", standard_id
    try:
        link = get_crosswalk(earlier_id, later_id).for_later(standard_id)
    except FrameworkError:
        return _("No crosswalk"), None
    if link.kind is Correspondence.SAME:
        return "", link.earlier[0]
    if link.kind is Correspondence.NONE:
        return _("No counterpart"), None
    return _("Not comparable (%(kind)s)") % {
        "kind": _("split") if link.kind is Correspondence.SPLIT else _("merged")
    }, None
