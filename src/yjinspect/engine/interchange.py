"""The JSON form of a rating request and its result, shared by the CLI and the API, with strict
checking so a misspelt field is refused by name instead of silently ignored."""

from __future__ import annotations

from typing import Any

from .errors import FrameworkNotFound, RatingInputError
from .explain import explain_overall, explain_standard, rating_title
from .framework import Framework
from .loader import get_framework
from .ratings import (
    InspectionRating,
    KeyQuestionCount,
    RecordedOverall,
    StandardInput,
    rate_inspection,
)


def _kind(value: object) -> str:
    """How a JSON value is described in an error message."""
    if isinstance(value, bool):
        return str(value).lower()
    if value is None:
        return "null"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "text"
    return repr(value)


def _object(
    value: object, field: str, allowed: tuple[str, ...], noun: str = "field"
) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise RatingInputError(f"must be a JSON object, not {_kind(value)}", field=field)
    for key in value:
        if key not in allowed:
            raise RatingInputError(
                f"unknown {noun} '{key}' (allowed: {', '.join(allowed)})",
                field=f"{field}.{key}".lstrip("."),
            )
    return value


def _text(value: object, field: str) -> str:
    if not isinstance(value, str):
        raise RatingInputError(f"must be text, not {_kind(value)}", field=field)
    return value


def _count(value: object, field: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise RatingInputError(f"must be a whole number, not {_kind(value)}", field=field)
    if value < 0:
        raise RatingInputError(f"must not be negative, not {value}", field=field)
    return value


def parse_rate_request(
    data: object,
) -> tuple[Framework, dict[str, StandardInput], RecordedOverall | None]:
    """Check a rating request (see ``yjinspect rate --help``) and turn it into engine input."""
    root = _object(data, "", ("framework", "standards", "overall"))
    if "framework" not in root:
        raise RatingInputError(
            'missing: say which framework, e.g. "hmip-yjs-2018"', field="framework"
        )
    try:
        framework = get_framework(_text(root["framework"], "framework"))
    except FrameworkNotFound as error:
        raise RatingInputError(error.message, field="framework") from None
    standard_ids = tuple(s.id for s in framework.standards)
    standards = _object(root.get("standards", {}), "standards", standard_ids, "standard")
    given: dict[str, StandardInput] = {}
    for sid, value in standards.items():
        field = f"standards.{sid}"
        entry = _object(
            value, field, ("rating", "key_questions", "override_reason", "not_rated_reason", "note")
        )
        counts: dict[str, KeyQuestionCount] | None = None
        if "key_questions" in entry:
            kq_field = f"{field}.key_questions"
            kqs = _object(
                entry["key_questions"],
                kq_field,
                framework.standard(sid).key_question_ids,
                f"key question of {sid}",
            )
            counts = {}
            for kq_id, kq_value in kqs.items():
                kq_entry = _object(kq_value, f"{kq_field}.{kq_id}", ("yes", "no"))
                for key in ("yes", "no"):
                    if key not in kq_entry:
                        raise RatingInputError("missing", field=f"{kq_field}.{kq_id}.{key}")
                counts[kq_id] = KeyQuestionCount(
                    _count(kq_entry["yes"], f"{kq_field}.{kq_id}.yes"),
                    _count(kq_entry["no"], f"{kq_field}.{kq_id}.no"),
                )
        given[sid] = StandardInput(
            key_questions=counts,
            rating=_text(entry["rating"], f"{field}.rating") if "rating" in entry else None,
            override_reason=(
                _text(entry["override_reason"], f"{field}.override_reason")
                if "override_reason" in entry
                else None
            ),
            not_rated_reason=(
                _text(entry["not_rated_reason"], f"{field}.not_rated_reason")
                if "not_rated_reason" in entry
                else None
            ),
            note=_text(entry["note"], f"{field}.note") if "note" in entry else None,
        )
    overall = None
    if "overall" in root:
        entry = _object(root["overall"], "overall", ("rating", "reason"))
        if "rating" not in entry:
            raise RatingInputError("missing", field="overall.rating")
        overall = RecordedOverall(
            rating=_text(entry["rating"], "overall.rating"),
            reason=_text(entry["reason"], "overall.reason") if "reason" in entry else None,
        )
    return framework, given, overall


def rate_request(data: object, language: str = "en") -> dict[str, Any]:
    """Rate a JSON request and return the JSON result."""
    framework, given, overall = parse_rate_request(data)
    return result_json(framework, rate_inspection(framework, given, overall), language)


def result_json(
    framework: Framework, result: InspectionRating, language: str = "en"
) -> dict[str, Any]:
    """The JSON form of an inspection's ratings, with a reason for each."""
    display = framework.percent_display
    standards: dict[str, Any] = {}
    for standard in framework.standards:
        rated = result.standards[standard.id]
        entry: dict[str, Any] = {
            "title": standard.title.get(language),
            "rating": rated.rating,
            "rating_title": rating_title(framework, rated.rating, language),
            "basis": rated.basis.value,
            "scored": standard.scored,
            "reason": explain_standard(framework, rated, language),
        }
        if rated.key_questions:
            entry["key_questions"] = {
                kq_id: {
                    "yes": count.yes,
                    "no": count.no,
                    "applicable": count.applicable,
                    "percent": count.percent(display),
                }
                for kq_id, count in rated.key_questions.items()
            }
        lowest = rated.lowest
        if lowest is not None:
            entry["lowest_key_question"] = rated.lowest_key_question
            entry["percent"] = lowest.percent(display)
            entry["yes"] = lowest.yes
            entry["applicable"] = lowest.applicable
        if rated.override_reason is not None:
            entry["computed_rating"] = rated.computed_rating
            entry["override_reason"] = rated.override_reason
        if rated.not_rated_reason is not None:
            entry["not_rated_reason"] = rated.not_rated_reason
            if rated.note:
                entry["note"] = rated.note
        standards[standard.id] = entry
    return {
        "framework": framework.id,
        "standards": standards,
        "score": result.score,
        "score_max": result.score_max,
        "overall": result.overall,
        "overall_title": (
            rating_title(framework, result.overall, language) if result.overall else None
        ),
        "overall_reason": explain_overall(framework, result, language),
    }


def framework_json(framework: Framework) -> dict[str, Any]:
    """The framework's structure as plain JSON (titles in both languages)."""
    return {
        "id": framework.id,
        "title": {"en": framework.title.en, "cy": framework.title.cy},
        "in_force_from": framework.in_force_from.isoformat(),
        "in_force_to": framework.in_force_to.isoformat() if framework.in_force_to else None,
        "scale": [
            {"id": lvl.id, "en": lvl.title.en, "cy": lvl.title.cy, "points": lvl.points}
            for lvl in framework.scale
        ],
        "purpose": framework.purpose,
        "overall_method": framework.overall_method.value,
        "score_max": framework.score_max,
        "not_rated_reasons": [
            {"id": r.id, "en": r.title.en, "cy": r.title.cy, "needs_note": r.needs_note}
            for r in framework.not_rated_reasons
        ],
        "domains": [
            {
                "id": domain.id,
                "title": {"en": domain.title.en, "cy": domain.title.cy},
                "standards": [
                    {
                        "id": s.id,
                        "title": {"en": s.title.en, "cy": s.title.cy},
                        "basis": s.basis.value,
                        "scored": s.scored,
                        "assessed_in_cases": s.assessed_in_cases,
                        "title_per_inspection": s.title_per_inspection,
                        "key_questions": [
                            {"id": kq.id, "en": kq.text.en, "cy": kq.text.cy, "aim": kq.aim}
                            for kq in s.key_questions
                        ],
                    }
                    for s in domain.standards
                ],
            }
            for domain in framework.domains
        ],
    }
