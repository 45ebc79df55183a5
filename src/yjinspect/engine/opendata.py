"""Published ratings anyone can recompute. An open-data record carries, beside the ratings, what
``yjinspect rate`` takes (each case standard's key-question counts, each judgement's recorded
rating, every override with its reason, each "not rated" with its reason, and a recorded
overall); :func:`verify` recomputes the ratings from it and names every difference. Pure: it
needs only the framework files."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .errors import FrameworkNotFound, RatingInputError
from .framework import Basis, Framework, OverallMethod
from .interchange import rate_request
from .loader import get_framework


def rate_input(framework: Framework, published: Mapping[str, Any]) -> dict[str, Any]:
    """What ``yjinspect rate`` takes to reach ``published`` (the ratings JSON as signed off
    and published): the evidence, never the ratings it gives."""
    standards: dict[str, Any] = {}
    for standard in framework.standards:
        entry = published["standards"].get(standard.id)
        if entry is None:
            continue
        given: dict[str, Any] = {}
        counts = entry.get("key_questions") or {}
        if counts and (standard.basis is Basis.CASE or standard.assessed_in_cases):
            given["key_questions"] = {
                kq: {"yes": c["yes"], "no": c["no"]} for kq, c in counts.items()
            }
        if "not_rated_reason" in entry:
            given["not_rated_reason"] = entry["not_rated_reason"]
            if entry.get("note"):
                given["note"] = entry["note"]
        elif "override_reason" in entry:
            given["rating"] = entry["rating"]
            given["override_reason"] = entry["override_reason"]
        elif standard.basis is Basis.JUDGEMENT and entry.get("rating") != "not_rated":
            given["rating"] = entry["rating"]
        if given:
            standards[standard.id] = given
    request: dict[str, Any] = {"framework": framework.id, "standards": standards}
    if framework.overall_method is OverallMethod.RECORDED_JUDGEMENT and published.get("overall"):
        request["overall"] = {"rating": published["overall"]}
    return request


@dataclass(frozen=True)
class Difference:
    inspection: str
    what: str  # "1.2", "score", "overall", or "record" when it cannot be recomputed
    published: Any
    recomputed: Any

    def __str__(self) -> str:
        return (
            f"{self.inspection} {self.what}: published {self.published!r}, "
            f"recomputed {self.recomputed!r}"
        )


def verify_record(record: Mapping[str, Any]) -> list[Difference]:
    """Recompute one inspection's ratings from its rate input and compare."""
    name = f"inspection {record.get('inspection_id', '?')}"
    try:
        get_framework(str(record["framework"]))
        result = rate_request(record["rate_input"])
    except (KeyError, TypeError) as error:
        return [Difference(name, "record", "a rate_input and a framework", f"missing {error}")]
    except (FrameworkNotFound, RatingInputError) as error:
        return [Difference(name, "record", "a rate input the engine accepts", str(error))]
    found = []
    published = {s["standard_id"]: s["rating"] for s in record.get("standards", [])}
    for sid, rating in published.items():
        again = result["standards"].get(sid, {}).get("rating")
        if again != rating:
            found.append(Difference(name, sid, rating, again))
    for key in ("score", "overall"):
        if record.get(key) != result.get(key):
            found.append(Difference(name, key, record.get(key), result.get(key)))
    return found


def verify(document: Mapping[str, Any]) -> tuple[int, list[Difference]]:
    """How many inspections were checked, and every difference found."""
    records = document.get("inspections")
    if not isinstance(records, list):
        return 0, [Difference("the file", "inspections", "a list of inspections", records)]
    found: list[Difference] = []
    for record in records:
        found += verify_record(record)
    return len(records), found
