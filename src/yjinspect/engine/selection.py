"""Choosing whom to inspect (``policy/selection.yaml``): each service's figures for the
configured components (national indicators, the last overall rating, years since the last
inspection, volume) placed among all services as percentiles, combined by the configured
weights into a priority score of 0 to 100, with the reasons that make it, in order.

Pure: the Django side gathers each service's figures; this ranks them the same way every time.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .errors import FrameworkError
from .framework import Text
from .policy import PolicyError
from .strictyaml import Node, read_yaml

SELECTION_FILE = Path(__file__).resolve().parent.parent / "policy" / "selection.yaml"
SOURCES = ("measure", "last_rating", "years_since_inspection", "caseload")


@dataclass(frozen=True, slots=True)
class Component:
    id: str
    title: Text
    source: str
    weight: float
    worse: str  # "higher" or "lower": which end is the concern
    measure: str | None = None
    cap: float | None = None


@dataclass(frozen=True, slots=True)
class SelectionPolicy:
    quarters: int
    components: tuple[Component, ...]

    @property
    def total_weight(self) -> float:
        return sum(c.weight for c in self.components)


@dataclass(frozen=True, slots=True)
class Part:
    """One component of one service's score."""

    component: Component
    value: float | None  # None: no figure (placed in the middle)
    concern: float  # 0 (least concern among services) to 1 (most)
    points: float  # what it adds to the score out of 100


@dataclass(frozen=True, slots=True)
class Ranked:
    key: str  # the caller's id for the service
    score: float
    parts: tuple[Part, ...]
    rank: int = 0

    @property
    def reasons(self) -> tuple[Part, ...]:
        """The parts that add most, first."""
        return tuple(sorted(self.parts, key=lambda p: -p.points))


@dataclass
class Figures:
    key: str
    values: dict[str, float | None] = field(default_factory=dict)  # component id -> figure


def _component(node: Node) -> Component:
    node.mapping(("id", "title", "source", "weight", "worse"), ("measure", "cap"))
    source = node.child("source").as_choice(SOURCES)
    measure = node.optional("measure", lambda n: n.as_str())
    if source == "measure" and not measure:
        raise node.fail("a measure component names its measure")
    weight = node.child("weight").as_int(minimum=0, maximum=1000)
    return Component(
        id=node.child("id").as_str(),
        title=node.child("title").as_text(),
        source=source,
        weight=float(weight),
        worse=node.child("worse").as_choice(("higher", "lower")),
        measure=measure,
        cap=node.optional("cap", lambda n: float(n.as_int(minimum=1))),
    )


def parse_selection(data: object, *, source: str = "") -> SelectionPolicy:
    try:
        root = Node(data, "", source).mapping(("quarters", "components"), ("provenance",))
        components = tuple(_component(n) for n in root.child("components").items())
        if len({c.id for c in components}) != len(components):
            raise root.child("components").fail("two components have the same id")
        if not any(c.weight for c in components):
            raise root.child("components").fail("at least one weight must be above 0")
        return SelectionPolicy(root.child("quarters").as_int(minimum=1, maximum=20), components)
    except PolicyError:
        raise
    except FrameworkError as error:
        raise PolicyError(error.message, path=error.path, source=error.source) from None


@functools.cache
def selection_policy() -> SelectionPolicy:
    text = SELECTION_FILE.read_text(encoding="utf-8")
    return parse_selection(read_yaml(text, source=str(SELECTION_FILE)), source=str(SELECTION_FILE))


def _percentiles(values: Mapping[str, float]) -> dict[str, float]:
    """Each key's place among the values, 0 (lowest) to 1 (highest); ties share the mean."""
    ordered = sorted(values.values())
    if len(ordered) < 2:
        return {key: 0.5 for key in values}
    placed: dict[float, float] = {}
    for value in set(ordered):
        below = sum(1 for v in ordered if v < value)
        equal = ordered.count(value)
        placed[value] = (below + (equal - 1) / 2) / (len(ordered) - 1)
    return {key: placed[value] for key, value in values.items()}


def rank(services: Sequence[Figures], policy: SelectionPolicy) -> list[Ranked]:
    """Every service's score and parts, highest priority first (ties by key, so the same
    figures always give the same order)."""
    places: dict[str, dict[str, float]] = {}
    for component in policy.components:
        known = {s.key: v for s in services if (v := s.values.get(component.id)) is not None}
        if component.cap is not None:
            known = {k: min(v, component.cap) for k, v in known.items()}
        placed = _percentiles(known)
        if component.worse == "lower":
            placed = {k: 1 - v for k, v in placed.items()}
        places[component.id] = placed
    ranked = []
    for service in services:
        parts = []
        for component in policy.components:
            concern = places[component.id].get(service.key, 0.5)
            points = 100 * component.weight * concern / policy.total_weight
            parts.append(Part(component, service.values.get(component.id), concern, points))
        ranked.append(Ranked(service.key, sum(p.points for p in parts), tuple(parts)))
    ranked.sort(key=lambda r: (-round(r.score, 9), r.key))
    return [Ranked(r.key, r.score, r.parts, number) for number, r in enumerate(ranked, start=1)]
