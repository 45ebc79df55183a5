"""The service's own policy (``policy/service.yaml``): the thresholds behind the staffing and
supervision flags and the weights behind workloads and allocation suggestions, as data.

Pure like the rest of the engine: it reads one file and judges values; the Django apps ask it
"how long is too long" and "what does this case weigh" rather than holding numbers of their own.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .errors import FrameworkError
from .framework import Text
from .strictyaml import Node, read_yaml

POLICY_FILE = Path(__file__).resolve().parent.parent / "policy" / "service.yaml"
# The case fields a skill's ``when`` may test (the fields of a caseload record).
CASE_FIELDS = ("disposal", "disposal_type", "sex", "rosh", "safety_wellbeing", "ethnicity")
POST_KINDS = (
    "case_manager",
    "manager",
    "health",
    "education",
    "police",
    "probation",
    "social_care",
    "victim_liaison",
    "administration",
    "other",
)


class PolicyError(FrameworkError):
    """The service policy file breaks its schema (``path`` names the place)."""


def normalise(value: str) -> str:
    """A coded value as compared: case, spaces and hyphens do not matter."""
    return "_".join(value.strip().lower().replace("-", " ").replace("_", " ").split())


@dataclass(frozen=True, slots=True)
class Skill:
    """A skill a case manager may have, and the cases that need it."""

    id: str
    title: Text
    when: Mapping[str, frozenset[str]]  # case field -> values (normalised) that need the skill

    def needed_by(self, case: Mapping[str, str]) -> bool:
        return any(normalise(case.get(field, "")) in values for field, values in self.when.items())


@dataclass(frozen=True, slots=True)
class Choice:
    """An item of a list the policy names: an agency, a piece of information, an outcome."""

    id: str
    title: Text


@dataclass(frozen=True, slots=True)
class OutOfCourtPolicy:
    agencies: tuple[Choice, ...]
    required_agencies: tuple[str, ...]
    minimum_agencies: int
    information: tuple[Choice, ...]
    outcomes: tuple[Choice, ...]

    def multi_agency(self, present: list[str] | tuple[str, ...]) -> bool:
        there = set(present)
        return set(self.required_agencies) <= there and len(there) >= self.minimum_agencies

    def missing_information(self, available: list[str] | tuple[str, ...]) -> tuple[Choice, ...]:
        return tuple(item for item in self.information if item.id not in set(available))


@dataclass(frozen=True, slots=True)
class ServicePolicy:
    vacant_after_days: int
    uncovered_after_days: int
    induction_within_days: int
    statutory_secondments: tuple[str, ...]
    supervision_interval_days: int
    weight_by_rosh: Mapping[str, float]
    weight_by_disposal: Mapping[str, float]
    full_time_hours: float
    capacity_full_time: float
    skills: tuple[Skill, ...]
    provenance: str
    notice_received_within_hours: int
    notice_seen_within_hours: int
    refer_within_days: int
    reasonable_grounds_within_days: int
    suppress_up_to: int
    min_denominator: int
    pool_years: int  # disproportionality figures pool this many years' counts
    out_of_court: OutOfCourtPolicy
    needs: tuple[Choice, ...]

    def case_weight(self, case: Mapping[str, str]) -> float:
        """How much a case counts towards its case manager's workload."""
        rosh = self.weight_by_rosh.get(normalise(case.get("rosh", "")), 1.0)
        disposal = self.weight_by_disposal.get(normalise(case.get("disposal", "")), 1.0)
        return rosh * disposal

    def capacity(self, hours_per_week: float) -> float:
        """The weighted cases a case manager working these hours can hold."""
        return self.capacity_full_time * hours_per_week / self.full_time_hours

    def skills_needed(self, case: Mapping[str, str]) -> tuple[Skill, ...]:
        return tuple(skill for skill in self.skills if skill.needed_by(case))

    def skill(self, skill_id: str) -> Skill | None:
        return next((skill for skill in self.skills if skill.id == skill_id), None)


def _weights(node: Node, keys: tuple[str, ...]) -> dict[str, float]:
    node.mapping(keys)
    weights = {}
    for key in keys:
        child = node.child(key)
        if not isinstance(child.value, int | float) or isinstance(child.value, bool):
            raise child.fail("must be a number")
        if child.value <= 0:
            raise child.fail(f"must be more than 0, not {child.value}")
        weights[key] = float(child.value)
    return weights


def _skill(node: Node) -> Skill:
    node.mapping(("id", "title", "when"))
    when = node.child("when")
    if not isinstance(when.value, dict):
        raise when.fail("must be a mapping of case fields to values (or {} for none)")
    tests = {}
    for field in when.value:
        if field not in CASE_FIELDS:
            raise when.child(str(field)).fail(
                f"unknown case field (known: {', '.join(CASE_FIELDS)})"
            )
        values = [normalise(v.as_str()) for v in when.child(field).items()]
        tests[field] = frozenset(values)
    return Skill(id=node.child("id").as_str(), title=node.child("title").as_text(), when=tests)


def parse_policy(data: object, *, source: str = "") -> ServicePolicy:
    """The policy in ``data`` (parsed YAML), or :class:`PolicyError` naming the place."""
    try:
        return _parse(Node(data, "", source))
    except PolicyError:
        raise
    except FrameworkError as error:
        raise PolicyError(error.message, path=error.path, source=error.source) from None


def _parse(root: Node) -> ServicePolicy:
    root.mapping(
        (
            "staffing",
            "supervision",
            "workload",
            "allocation",
            "information",
            "exploitation",
            "disproportionality",
            "out_of_court",
            "interventions",
        ),
        ("provenance",),
    )
    information = root.child("information").mapping(("received_within_hours", "seen_within_hours"))
    disproportionality = root.child("disproportionality").mapping(
        ("suppress_up_to", "min_denominator", "pool_years")
    )
    exploitation = root.child("exploitation").mapping(
        ("refer_within_days", "reasonable_grounds_within_days")
    )
    staffing = root.child("staffing").mapping(
        (
            "vacant_after_days",
            "uncovered_after_days",
            "induction_within_days",
            "statutory_secondments",
        )
    )
    secondments = tuple(
        v.as_choice(POST_KINDS)
        for v in staffing.child("statutory_secondments").items(allow_empty=True)
    )
    supervision = root.child("supervision").mapping(("interval_days",))
    workload = root.child("workload").mapping(
        ("by_rosh", "by_disposal", "full_time_hours", "capacity_full_time")
    )
    skills = tuple(
        _skill(n) for n in root.child("allocation").mapping(("skills",)).child("skills").items()
    )
    ids = [skill.id for skill in skills]
    if len(set(ids)) != len(ids):
        raise root.child("allocation").child("skills").fail("two skills have the same id")
    return ServicePolicy(
        vacant_after_days=staffing.child("vacant_after_days").as_int(minimum=1),
        uncovered_after_days=staffing.child("uncovered_after_days").as_int(minimum=1),
        induction_within_days=staffing.child("induction_within_days").as_int(minimum=1),
        statutory_secondments=secondments,
        supervision_interval_days=supervision.child("interval_days").as_int(minimum=1, maximum=366),
        weight_by_rosh=_weights(workload.child("by_rosh"), ("low", "medium", "high", "very_high")),
        weight_by_disposal=_weights(workload.child("by_disposal"), ("court", "out_of_court")),
        full_time_hours=float(workload.child("full_time_hours").as_int(minimum=1, maximum=80)),
        capacity_full_time=float(workload.child("capacity_full_time").as_int(minimum=1)),
        skills=skills,
        provenance=str(root.value.get("provenance") or "").strip(),
        notice_received_within_hours=information.child("received_within_hours").as_int(minimum=1),
        notice_seen_within_hours=information.child("seen_within_hours").as_int(minimum=1),
        refer_within_days=exploitation.child("refer_within_days").as_int(minimum=1),
        reasonable_grounds_within_days=exploitation.child("reasonable_grounds_within_days").as_int(
            minimum=1
        ),
        suppress_up_to=disproportionality.child("suppress_up_to").as_int(minimum=0),
        min_denominator=disproportionality.child("min_denominator").as_int(minimum=1),
        pool_years=disproportionality.child("pool_years").as_int(minimum=1, maximum=10),
        out_of_court=_out_of_court(root.child("out_of_court")),
        needs=_choices(root.child("interventions").mapping(("needs",)).child("needs")),
    )


def _choices(node: Node) -> tuple[Choice, ...]:
    found = []
    for item in node.items():
        item.mapping(("id", "title"))
        found.append(Choice(item.child("id").as_str(), item.child("title").as_text()))
    if len({c.id for c in found}) != len(found):
        raise node.fail("two items have the same id")
    return tuple(found)


def _out_of_court(node: Node) -> OutOfCourtPolicy:
    node.mapping(("agencies", "required_agencies", "minimum_agencies", "information", "outcomes"))
    agencies = _choices(node.child("agencies"))
    ids = tuple(a.id for a in agencies)
    required = tuple(
        n.as_choice(ids) for n in node.child("required_agencies").items(allow_empty=True)
    )
    return OutOfCourtPolicy(
        agencies=agencies,
        required_agencies=required,
        minimum_agencies=node.child("minimum_agencies").as_int(minimum=1, maximum=len(agencies)),
        information=_choices(node.child("information")),
        outcomes=_choices(node.child("outcomes")),
    )


def load_policy(path: str | Path) -> ServicePolicy:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise PolicyError(f"cannot read the file: {error.strerror}", source=str(path)) from None
    try:
        data = read_yaml(text, source=str(path))
    except FrameworkError as error:
        raise PolicyError(error.message, source=str(path)) from None
    return parse_policy(data, source=str(path))


@functools.cache
def service_policy() -> ServicePolicy:
    """The policy in force: ``YJ_SERVICE_POLICY`` if set, else the file shipped."""
    return load_policy(os.environ.get("YJ_SERVICE_POLICY") or POLICY_FILE)
