"""An inspection's ratings as a table to take away (CSV, Excel, JSON): one row per standard
and, for case standards, per key question, with the counts behind each percentage. Read from
the ratings as people see them (the published copy once published)."""

from __future__ import annotations

from typing import Any

from yjinspect.inspections.models import Inspection

from .services import shown_ratings

HEADER = (
    "standard_id",
    "standard",
    "basis",
    "rating",
    "key_question_id",
    "sufficient",
    "insufficient",
    "applicable",
    "percent",
    "reason",
)


def table(inspection: Inspection, language: str) -> list[list[Any]]:
    ratings = shown_ratings(inspection, language)
    rows: list[list[Any]] = []
    for sid, entry in ratings["standards"].items():
        rows.append(
            [
                sid,
                entry["title"],
                entry["basis"],
                entry["rating_title"],
                "",
                entry.get("yes", ""),
                "",
                entry.get("applicable", ""),
                entry.get("percent", ""),
                entry.get("override_reason") or entry["reason"],
            ]
        )
        for kq_id, count in (entry.get("key_questions") or {}).items():
            rows.append(
                [
                    sid,
                    entry["title"],
                    "",
                    "",
                    kq_id,
                    count["yes"],
                    count["no"],
                    count["applicable"],
                    count["percent"],
                    "",
                ]
            )
    return rows


def as_json(inspection: Inspection, language: str) -> dict[str, Any]:
    ratings = shown_ratings(inspection, language)
    return {
        "inspection_id": inspection.pk,
        "service": inspection.service.name,
        "framework": inspection.framework_id,
        "published": inspection.is_published,
        **ratings,
    }
