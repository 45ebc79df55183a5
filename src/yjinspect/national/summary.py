"""Writing the summary tables from an inspection's published ratings: at publication (in the
publishing transaction, so a figure never counts half an inspection) and, for every published
inspection at once, by ``yjinspect national refresh``."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Min
from django.utils import timezone

from yjinspect.alerts.models import CaseAlert
from yjinspect.cases.models import CASELOAD
from yjinspect.inspections.models import Inspection
from yjinspect.reports.models import PublishedReport

from .models import PublishedInspection, PublishedKeyQuestion, PublishedStandard

# Alerts that never reached the service (not confirmed, or withdrawn) are not counted.
UNSENT = (CaseAlert.State.RAISED, CaseAlert.State.WITHDRAWN)


def on_published(sender: object, inspection: Inspection, **kwargs: Any) -> None:
    # A service's own self-assessment is its own: never in the national picture.
    if not inspection.is_self_assessment:
        refresh(inspection, timezone.localdate())


@transaction.atomic
def refresh(inspection: Inspection, published_on: date) -> PublishedInspection:
    """Replace the inspection's summary rows with what its published ratings say."""
    if inspection.published_ratings is None or inspection.is_self_assessment:
        raise ValueError("only a published inspection by the inspectorate is summarised")
    PublishedInspection.objects.filter(inspection=inspection).delete()
    ratings = inspection.published_ratings["en"]
    framework = inspection.framework
    service = inspection.service
    where = {
        "framework_id": inspection.framework_id,
        "year": published_on.year,
        "nation": service.nation,
        "region": service.region,
    }
    children = inspection.sampled_cases.filter(replaced_reason="", case__source=CASELOAD).count()
    alerts = CaseAlert.objects.filter(inspection=inspection).exclude(state__in=UNSENT).count()
    summary = PublishedInspection.objects.create(
        inspection=inspection,
        service=service,
        published_on=published_on,
        overall=ratings.get("overall") or "",
        score=ratings.get("score"),
        score_max=ratings.get("score_max"),
        children=children,
        alerts=alerts,
        **where,
    )
    PublishedStandard.objects.bulk_create(standard_rows(summary, ratings, framework, where))
    PublishedKeyQuestion.objects.bulk_create(key_question_rows(summary, ratings, where))
    return summary


def standard_rows(
    summary: PublishedInspection, ratings: dict[str, Any], framework: Any, where: dict[str, Any]
) -> list[PublishedStandard]:
    points = {level.id: level.points for level in framework.scale}
    return [
        PublishedStandard(
            inspection=summary,
            standard_id=sid,
            rating=entry.get("rating") or "",
            points=points.get(entry.get("rating") or ""),
            percent=entry.get("percent"),
            scored=bool(entry.get("scored")),
            **where,
        )
        for sid, entry in ratings["standards"].items()
    ]


def key_question_rows(
    summary: PublishedInspection, ratings: dict[str, Any], where: dict[str, Any]
) -> list[PublishedKeyQuestion]:
    return [
        PublishedKeyQuestion(
            inspection=summary,
            standard_id=sid,
            key_question_id=kq_id,
            yes=counts["yes"],
            applicable=counts["applicable"],
            **where,
        )
        for sid, entry in ratings["standards"].items()
        for kq_id, counts in (entry.get("key_questions") or {}).items()
    ]


def refresh_all() -> int:
    """Rebuild every published inspection's rows (after a change of region, or on a database
    restored from before the summary tables existed). Returns how many were summarised."""
    first = dict(
        PublishedReport.objects.values("inspection_id")
        .annotate(first=Min("published_at"))
        .values_list("inspection_id", "first")
    )
    kept = dict(PublishedInspection.objects.values_list("inspection_id", "published_on"))
    done = 0
    for inspection in (
        Inspection.objects.by_inspectorate()
        .filter(published_ratings__isnull=False)
        .select_related("service")
    ):
        on = kept.get(inspection.pk) or (
            timezone.localdate(first[inspection.pk])
            if inspection.pk in first
            else inspection.fieldwork_end
        )
        refresh(inspection, on)
        done += 1
    return done
