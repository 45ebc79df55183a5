"""The inspection lifecycle as one state machine: the stages, what may be done in each, the
transitions between them, who makes each and what each requires.

Every service operation that changes an inspection's records calls :func:`check` with its
:class:`Operation` first, so a stage is a rule and not a label; pages ask :func:`allows` so
they offer only what is possible now.

A transition's requirements name checks on records that belong to later apps (the caseload,
the sample, the sign-off...). Those apps register the checks under these names when they load
(:func:`requirement`), so this module keeps the whole table in one place while the imports
between apps still run one way only.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Status

if TYPE_CHECKING:
    from .models import Inspection

S = Status


class StageError(ValidationError):
    """An operation the inspection's stage does not allow (or a transition not yet possible)."""


class Operation(enum.Enum):
    """Things people do to an inspection's records, each with the stages it may run in."""

    label: Promise
    stages: frozenset[Status]

    def __new__(cls, value: str, label: Promise, stages: tuple[Status, ...]) -> Operation:
        member = object.__new__(cls)
        member._value_ = value
        member.label = label
        member.stages = frozenset(stages)
        return member

    CHANGE_TEAM = (
        "change_team",
        gettext_lazy("Changing the team"),
        (S.ANNOUNCED, S.DATA_IN_ADVANCE, S.SAMPLING, S.FIELDWORK, S.MODERATION, S.RATED,
         S.REPORT_DRAFTED, S.FACTUAL_ACCURACY),
    )  # fmt: skip
    IMPORT_CASELOAD = (
        "import_caseload",
        gettext_lazy("Importing the caseload"),
        (S.ANNOUNCED, S.DATA_IN_ADVANCE),
    )
    # The service's records as data in advance: taken at announcement, taken again by the
    # lead until the sample is drawn from them.
    TAKE_DATA_IN_ADVANCE = (
        "take_data_in_advance",
        gettext_lazy("Taking the data in advance again"),
        (S.ANNOUNCED, S.DATA_IN_ADVANCE),
    )
    DRAW_SAMPLE = ("draw_sample", gettext_lazy("Drawing the sample"), (S.SAMPLING,))
    ALLOCATE = (
        "allocate",
        gettext_lazy("Allocating cases"),
        (S.SAMPLING, S.FIELDWORK, S.MODERATION),
    )
    REPLACE_CASE = (
        "replace_case",
        gettext_lazy("Replacing a sampled case"),
        (S.SAMPLING, S.FIELDWORK),
    )
    ASSESS = ("assess", gettext_lazy("Assessing cases"), (S.FIELDWORK, S.MODERATION))
    MODERATE = ("moderate", gettext_lazy("Moderation"), (S.FIELDWORK, S.MODERATION))
    RECORD_EVIDENCE = (
        "record_evidence",
        gettext_lazy("Recording fieldwork evidence and consent"),
        (S.FIELDWORK, S.MODERATION, S.RATED),
    )
    # A person may withdraw consent at any time; the evidence resting on it goes with it.
    # Published versions are fixed copies and do not show the evidence items.
    WITHDRAW_CONSENT = (
        "withdraw_consent",
        gettext_lazy("Withdrawing consent"),
        tuple(s for s in Status if s is not S.CLOSED),
    )
    RAISE_ALERT = (
        "raise_alert",
        gettext_lazy("Raising a case alert"),
        (S.FIELDWORK, S.MODERATION, S.RATED, S.REPORT_DRAFTED, S.FACTUAL_ACCURACY),
    )
    # A risk to a child does not wait for the report: an alert is handled at any stage until
    # the inspection is closed (and it cannot close while an alert is open).
    HANDLE_ALERT = (
        "handle_alert",
        gettext_lazy("Confirming, answering or closing a case alert"),
        tuple(s for s in Status if s is not S.CLOSED),
    )
    NAME_STANDARDS = (
        "name_standards",
        gettext_lazy("Naming the inspection's themed area"),
        tuple(Status)[: tuple(Status).index(S.PUBLISHED)],
    )
    RATE = (
        "rate",
        gettext_lazy("Recording ratings and overrides"),
        (S.FIELDWORK, S.MODERATION, S.RATED, S.REPORT_DRAFTED, S.FACTUAL_ACCURACY),
    )
    SIGN_OFF = (
        "sign_off",
        gettext_lazy("Signing off the ratings"),
        (S.RATED, S.REPORT_DRAFTED, S.FACTUAL_ACCURACY),
    )
    WRITE_FINDINGS = (
        "write_findings",
        gettext_lazy("Writing findings, summaries and recommendations"),
        (S.FIELDWORK, S.MODERATION, S.RATED, S.REPORT_DRAFTED, S.FACTUAL_ACCURACY),
    )
    CHECK_ACCURACY = (
        "check_accuracy",
        gettext_lazy("Commenting on and deciding factual accuracy"),
        (S.FACTUAL_ACCURACY,),
    )
    PUBLISH = ("publish", gettext_lazy("Publishing the report"), (S.FACTUAL_ACCURACY,))
    CORRECT = (
        "correct",
        gettext_lazy("Publishing a correction"),
        (S.PUBLISHED, S.MONITORING),
    )
    PLAN = (
        "plan",
        gettext_lazy("Writing and tracking the improvement plan"),
        (S.PUBLISHED, S.MONITORING),
    )


class Actor(enum.Enum):
    LEAD = "lead"  # the lead inspector (or an inspectorate admin), from the inspection page
    PUBLISHING = "publishing"  # the publishing job, once both languages are saved


@dataclass(frozen=True)
class Transition:
    source: Status
    target: Status
    by: Actor
    requires: tuple[str, ...] = ()


TRANSITIONS = (
    Transition(S.ANNOUNCED, S.DATA_IN_ADVANCE, Actor.LEAD),
    Transition(S.DATA_IN_ADVANCE, S.SAMPLING, Actor.LEAD, ("caseload_imported",)),
    Transition(S.SAMPLING, S.FIELDWORK, Actor.LEAD, ("sample_allocated",)),
    Transition(S.FIELDWORK, S.MODERATION, Actor.LEAD, ("cases_assessed",)),
    Transition(S.MODERATION, S.RATED, Actor.LEAD, ("disagreements_resolved",)),
    Transition(S.RATED, S.REPORT_DRAFTED, Actor.LEAD, ("sign_off_current",)),
    Transition(
        S.REPORT_DRAFTED,
        S.FACTUAL_ACCURACY,
        Actor.LEAD,
        ("sign_off_current", "recommendations_made"),
    ),
    Transition(
        S.FACTUAL_ACCURACY,
        S.PUBLISHED,
        Actor.PUBLISHING,
        ("sign_off_current", "recommendations_made", "accuracy_settled"),
    ),
    Transition(S.PUBLISHED, S.MONITORING, Actor.LEAD),
    Transition(S.MONITORING, S.CLOSED, Actor.LEAD, ("alerts_closed",)),
)

# name → check returning None when met, or the message saying what is missing.
Check = Callable[["Inspection"], "str | None"]
_REQUIREMENTS: dict[str, Check] = {}


def requirement(name: str) -> Callable[[Check], Check]:
    """Register the check for a requirement named in TRANSITIONS (from the owning app)."""

    def register(check: Check) -> Check:
        _REQUIREMENTS[name] = check
        return check

    return register


def required_names() -> set[str]:
    return {name for t in TRANSITIONS for name in t.requires}


def registered_names() -> set[str]:
    return set(_REQUIREMENTS)


def operation_named(value: str) -> Operation:
    found = next((op for op in Operation if op.value == value), None)
    if found is None:
        raise KeyError(value)
    return found


def stage_of(inspection: Inspection) -> Status:
    return Status(inspection.status)


def allows(inspection: Inspection, operation: Operation) -> bool:
    return stage_of(inspection) in operation.stages


def check(inspection: Inspection, operation: Operation) -> None:
    """Refuse, with a message naming the stage, an operation the stage does not allow."""
    if allows(inspection, operation):
        return
    stages = [s.label for s in Status if s in operation.stages]
    raise StageError(
        _("%(operation)s is not possible at the %(stage)s stage (only during: %(stages)s).")
        % {
            "operation": operation.label,
            "stage": stage_of(inspection).label,
            "stages": ", ".join(str(s) for s in stages),
        }
    )


def next_transition(inspection: Inspection) -> Transition | None:
    stage = stage_of(inspection)
    return next((t for t in TRANSITIONS if t.source is stage), None)


def unmet(inspection: Inspection, transition: Transition) -> list[str]:
    """What the transition still needs, in words (empty when it can be made)."""
    missing = []
    for name in transition.requires:
        message = _REQUIREMENTS[name](inspection)
        if message:
            missing.append(message)
    return missing


def check_transition(inspection: Inspection, target: str, by: Actor) -> Transition:
    """The transition to ``target`` if ``by`` may make it now; otherwise a StageError."""
    transition = next_transition(inspection)
    if transition is None or transition.target.value != target:
        raise StageError(
            _("The inspection can only move on to the next stage, %(stage)s.")
            % {"stage": transition.target.label if transition else "—"}
        )
    if transition.by is not by:
        raise StageError(
            _("The inspection becomes published when the report is published, not by hand.")
            if transition.by is Actor.PUBLISHING
            else _("Only the lead inspector moves the inspection on.")
        )
    if missing := unmet(inspection, transition):
        raise StageError(
            _("Before moving on to %(stage)s: %(missing)s")
            % {"stage": transition.target.label, "missing": " ".join(missing)}
        )
    return transition
