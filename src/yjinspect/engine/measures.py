"""The measures a service reports each quarter (``policy/kpis.yaml``): the YJB's ten KPIs and
the three national indicators, each as parts with a numerator and a denominator (a funnel's
parts are its stages), and how each figure reads (a percentage, or per 1,000 or 100,000)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from .errors import FrameworkError
from .framework import Text
from .policy import PolicyError
from .strictyaml import Node, read_yaml

MEASURES_FILE = Path(__file__).resolve().parent.parent / "policy" / "kpis.yaml"
SOURCES = ("import", "board_attendance")


@dataclass(frozen=True, slots=True)
class Part:
    id: str
    title: Text


@dataclass(frozen=True, slots=True)
class Measure:
    id: str
    label: str  # "KPI 4", "NI 1"
    title: Text
    parts: tuple[Part, ...]
    per: int  # 100 for a percentage
    funnel: bool
    source: str  # import, or how the product works it out

    def part(self, part_id: str) -> Part | None:
        return next((p for p in self.parts if p.id == part_id), None)

    def value(self, numerator: int, denominator: int) -> float | None:
        return self.per * numerator / denominator if denominator else None


def _measure(node: Node) -> Measure:
    node.mapping(("id", "label", "title", "parts"), ("per", "funnel", "source"))
    parts = []
    for item in node.child("parts").items():
        item.mapping(("id", "title"))
        parts.append(Part(item.child("id").as_str(), item.child("title").as_text()))
    if len({p.id for p in parts}) != len(parts):
        raise node.child("parts").fail("two parts have the same id")
    per = node.optional("per", lambda n: n.as_int(minimum=1)) or 100
    if per not in (100, 1000, 100000):
        raise node.child("per").fail("must be 100, 1000 or 100000")
    return Measure(
        id=node.child("id").as_str(),
        label=node.child("label").as_str(),
        title=node.child("title").as_text(),
        parts=tuple(parts),
        per=per,
        funnel=bool(node.optional("funnel", lambda n: n.as_bool())),
        source=node.optional("source", lambda n: n.as_choice(SOURCES)) or "import",
    )


def parse_measures(data: object, *, source: str = "") -> tuple[Measure, ...]:
    try:
        root = Node(data, "", source).mapping(("measures",), ("provenance",))
        found = tuple(_measure(n) for n in root.child("measures").items())
    except PolicyError:
        raise
    except FrameworkError as error:
        raise PolicyError(error.message, path=error.path, source=error.source) from None
    if len({m.id for m in found}) != len(found):
        raise PolicyError("two measures have the same id", source=source)
    return found


@functools.cache
def measures() -> tuple[Measure, ...]:
    text = MEASURES_FILE.read_text(encoding="utf-8")
    return parse_measures(read_yaml(text, source=str(MEASURES_FILE)), source=str(MEASURES_FILE))


def measure(measure_id: str) -> Measure | None:
    return next((m for m in measures() if m.id == measure_id), None)
