"""The national open-data release: every *published* inspection (never a draft, never work
in progress, never a service's self-assessment), one record each with its ratings as
published and what recomputes them, and one row per inspection and standard. A JSON Schema and
a data dictionary are published beside it."""

from __future__ import annotations

from typing import Any

from django.db.models import Min, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yjinspect.engine import get_framework
from yjinspect.engine.opendata import rate_input
from yjinspect.inspections.models import Inspection
from yjinspect.reports.models import PublishedReport

LICENCE = "Open Government Licence v3.0"
VERSION = 1


def published() -> QuerySet[Inspection]:
    """Published inspections, and nothing else: the one query every part of the release uses."""
    return (
        Inspection.objects.by_inspectorate()
        .filter(published_ratings__isnull=False)
        .select_related("service")
        .order_by("service__name", "fieldwork_start", "pk")
    )


def record(inspection: Inspection, published_on: Any) -> dict[str, Any]:
    framework = get_framework(inspection.framework_id)
    ratings = (inspection.published_ratings or {})["en"]
    return {
        "inspection_id": inspection.pk,
        "service": inspection.service.name,
        "nation": inspection.service.nation,
        "local_authorities": inspection.service.local_authority_list,
        "framework": framework.id,
        "framework_title": framework.title.en,
        "fieldwork_start": inspection.fieldwork_start.isoformat(),
        "fieldwork_end": inspection.fieldwork_end.isoformat(),
        "published_on": published_on.date().isoformat() if published_on else None,
        "score": ratings.get("score"),
        "score_max": ratings.get("score_max"),
        "overall": ratings.get("overall"),
        "standards": [
            {
                "standard_id": sid,
                "title": entry["title"],
                "title_cy": (inspection.published_ratings or {})["cy"]["standards"][sid]["title"],
                "rating": entry["rating"],
                "basis": entry["basis"],
                "scored": entry["scored"],
                "percent": entry.get("percent"),
            }
            for sid, entry in ratings["standards"].items()
        ],
        "rate_input": rate_input(framework, ratings),
    }


def document() -> dict[str, Any]:
    first = dict(
        PublishedReport.objects.values("inspection_id")
        .annotate(first=Min("published_at"))
        .values_list("inspection_id", "first")
    )
    return {
        "title": "Youth justice inspections: published ratings",
        "version": VERSION,
        "licence": LICENCE,
        "generated_at": timezone.now().replace(microsecond=0).isoformat(),
        "schema": "/open-data/schema.json",
        "inspections": [record(i, first.get(i.pk)) for i in published()],
    }


# One row per inspection and standard: the columns, with what each holds (the dictionary).
COLUMNS = (
    ("inspection_id", "integer", _("The inspection's number in this release.")),
    ("service", "text", _("The youth justice service inspected.")),
    ("nation", "text", _("england or wales.")),
    (
        "framework",
        "text",
        _("The framework version the inspection was rated by, e.g. hmip-yjs-2021."),
    ),
    ("fieldwork_start", "date", _("The first day of fieldwork (YYYY-MM-DD).")),
    ("published_on", "date", _("The day the report was first published (YYYY-MM-DD).")),
    ("standard_id", "text", _("The standard's number within its framework, e.g. 2.1.")),
    ("standard_title", "text", _("The standard's title, in English.")),
    (
        "rating",
        "text",
        _(
            "The standard's published rating: a level of the framework's scale "
            "(outstanding, good, requires_improvement, inadequate; or the 2012-2017 four) or "
            "not_rated."
        ),
    ),
    (
        "basis",
        "text",
        _("How it was reached: key_questions (from the cases), recorded, override, not_rated."),
    ),
    ("scored", "boolean", _("Whether the standard counts towards the score.")),
    (
        "percent",
        "integer",
        _("Case standards: the lowest key question's percentage, rounded down."),
    ),
    ("score", "integer", _("The inspection's score (empty where the framework has none).")),
    ("score_max", "integer", _("The highest score possible under the framework (e.g. 36).")),
    ("overall", "text", _("The inspection's overall rating (empty where the framework has none).")),
)


def rows() -> list[list[Any]]:
    found = []
    for item in document()["inspections"]:
        for standard in item["standards"]:
            found.append(
                [
                    item["inspection_id"],
                    item["service"],
                    item["nation"],
                    item["framework"],
                    item["fieldwork_start"],
                    item["published_on"],
                    standard["standard_id"],
                    standard["title"],
                    standard["rating"],
                    standard["basis"],
                    standard["scored"],
                    standard["percent"],
                    item["score"],
                    item["score_max"],
                    item["overall"],
                ]
            )
    return found


def json_schema() -> dict[str, Any]:
    """The JSON Schema (2020-12) of the release's JSON document."""
    text = {"type": "string"}
    maybe_int = {"type": ["integer", "null"]}
    maybe_text = {"type": ["string", "null"]}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "/open-data/schema.json",
        "title": "Youth justice inspections: published ratings",
        "type": "object",
        "required": ["title", "version", "licence", "generated_at", "inspections"],
        "properties": {
            "title": text,
            "version": {"type": "integer"},
            "licence": text,
            "generated_at": {"type": "string", "format": "date-time"},
            "schema": text,
            "inspections": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": [
                        "inspection_id",
                        "service",
                        "nation",
                        "framework",
                        "fieldwork_start",
                        "standards",
                        "rate_input",
                    ],
                    "properties": {
                        "inspection_id": {"type": "integer"},
                        "service": text,
                        "nation": {"enum": ["england", "wales"]},
                        "local_authorities": {"type": "array", "items": text},
                        "framework": text,
                        "framework_title": text,
                        "fieldwork_start": {"type": "string", "format": "date"},
                        "fieldwork_end": {"type": "string", "format": "date"},
                        "published_on": {"type": ["string", "null"], "format": "date"},
                        "score": maybe_int,
                        "score_max": maybe_int,
                        "overall": maybe_text,
                        "standards": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "required": ["standard_id", "title", "rating", "basis", "scored"],
                                "properties": {
                                    "standard_id": text,
                                    "title": text,
                                    "title_cy": text,
                                    "rating": text,
                                    "basis": text,
                                    "scored": {"type": "boolean"},
                                    "percent": maybe_int,
                                },
                            },
                        },
                        "rate_input": {
                            "description": "What `yjinspect rate` takes to recompute the ratings.",
                            "type": "object",
                            "required": ["framework", "standards"],
                        },
                    },
                },
            },
        },
    }
