"""Moderation: a share of cases is second-assessed; disagreements are resolved key question by
key question and logged; agreement is measured per key question and per assessor."""

from __future__ import annotations

import math
import random
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from yjinspect.audit.services import record
from yjinspect.engine import Agreement, agreement
from yjinspect.inspections.lifecycle import Operation
from yjinspect.inspections.lifecycle import check as check_stage
from yjinspect.inspections.models import Inspection, TeamMember
from yjinspect.inspections.permissions import require

from .models import Answer, CaseAssessment, ModerationDecision, Sample, SampledCase
from .sampling import ASSESSING_ROLES, current_sample

# The lead can choose another share per inspection; this is the starting value.
DEFAULT_SHARE_PERCENT = 10


@transaction.atomic
def select_cases(user: User, inspection: Inspection, share_percent: int) -> int:
    """Mark a share of allocated cases for second assessment: at least one per assessor and
    one per population (children's and victims' cases alike), chosen reproducibly from the
    sample's seed, each given to a different assessor."""
    require(user, "moderation.decide", inspection)
    check_stage(inspection, Operation.MODERATE)
    if not 1 <= share_percent <= 100:
        raise ValidationError(_("The share must be between 1 and 100 per cent"))
    cases = [c for c in current_sample(inspection) if c.assessor_id is not None]
    if not cases:
        raise ValidationError(_("Allocate the sample to assessors first"))
    assessors = sorted({c.assessor_id for c in cases if c.assessor_id is not None})
    team = sorted(
        TeamMember.objects.filter(inspection=inspection, role__in=ASSESSING_ROLES).values_list(
            "user_id", flat=True
        )
    )
    if len(team) < 2:
        raise ValidationError(_("Moderation needs at least two assessors on the team"))
    seed = Sample.objects.get(inspection=inspection).seed
    rng = random.Random(f"{seed}|moderation")
    by_assessor: dict[int, list[SampledCase]] = defaultdict(list)
    for case in cases:
        by_assessor[case.assessor_id].append(case)
    chosen: list[SampledCase] = [rng.choice(by_assessor[a]) for a in assessors]
    for population in sorted({c.population for c in cases} - {c.population for c in chosen}):
        chosen.append(rng.choice([c for c in cases if c.population == population]))
    wanted = max(len(chosen), math.ceil(len(cases) * share_percent / 100))
    rest = [c for c in cases if c not in chosen]
    rng.shuffle(rest)
    chosen += rest[: wanted - len(chosen)]
    SampledCase.objects.filter(inspection=inspection).update(
        for_moderation=False, second_assessor=None
    )
    for number, case in enumerate(sorted(chosen, key=lambda c: c.case.case_ref)):
        others = [u for u in team if u != case.assessor_id]
        case.for_moderation = True
        case.second_assessor_id = others[number % len(others)]
        case.save(update_fields=["for_moderation", "second_assessor"])
    record(
        user,
        "moderation.selected",
        inspection,
        inspection_id=inspection.pk,
        share_percent=share_percent,
        cases=len(chosen),
    )
    return len(chosen)


@dataclass(frozen=True)
class Pair:
    sampled: SampledCase
    standard_id: str
    key_question_id: str
    first: str
    second: str
    decision: ModerationDecision | None


def pairs(inspection: Inspection) -> list[Pair]:
    """Each key question answered in both a submitted first and second assessment."""
    answers = (
        Answer.objects.filter(
            assessment__sampled_case__inspection=inspection,
            assessment__sampled_case__for_moderation=True,
            assessment__state=CaseAssessment.State.SUBMITTED,
        )
        .select_related("assessment__sampled_case__case", "assessment__sampled_case__assessor")
        .order_by("assessment__sampled_case__case__case_ref", "key_question_id")
    )
    first: dict[tuple[int, str], Answer] = {}
    second: dict[tuple[int, str], Answer] = {}
    for answer in answers:
        key = (answer.assessment.sampled_case_id, answer.key_question_id)
        target = first if answer.assessment.kind == CaseAssessment.Kind.FIRST else second
        target[key] = answer
    decisions = {
        (d.sampled_case_id, d.key_question_id): d
        for d in ModerationDecision.objects.filter(sampled_case__inspection=inspection)
    }
    found = []
    for key, second_answer in second.items():
        decision = decisions.get(key)
        first_answer = first.get(key)
        if first_answer is None:
            continue
        # After a decision the first answer holds the agreed value; compare the originals.
        first_value = decision.first_value if decision else first_answer.value
        found.append(
            Pair(
                sampled=first_answer.assessment.sampled_case,
                standard_id=first_answer.assessment.standard_id,
                key_question_id=key[1],
                first=first_value,
                second=second_answer.value,
                decision=decision,
            )
        )
    return found


@transaction.atomic
def resolve(
    user: User,
    inspection: Inspection,
    sampled_id: int,
    key_question_id: str,
    agreed: str,
    note: str,
) -> ModerationDecision:
    """Record the agreed answer; it replaces the first assessment's answer."""
    require(user, "moderation.decide", inspection)
    check_stage(inspection, Operation.MODERATE)
    if agreed not in Answer.Value.values:
        raise ValidationError(_("Choose the agreed answer"))
    pair = next(
        (
            p
            for p in pairs(inspection)
            if p.sampled.pk == sampled_id and p.key_question_id == key_question_id
        ),
        None,
    )
    if pair is None:
        raise ValidationError(_("There is no such disagreement to resolve"))
    decision, _created = ModerationDecision.objects.update_or_create(
        sampled_case=pair.sampled,
        key_question_id=key_question_id,
        defaults={
            "standard_id": pair.standard_id,
            "first_value": pair.first,
            "second_value": pair.second,
            "agreed_value": agreed,
            "note": note.strip(),
            "by": user,
        },
    )
    Answer.objects.filter(
        assessment__sampled_case=pair.sampled,
        assessment__kind=CaseAssessment.Kind.FIRST,
        key_question_id=key_question_id,
    ).update(value=agreed)
    record(
        user,
        "moderation.resolved",
        decision,
        inspection_id=inspection.pk,
        case=pair.sampled.case.case_ref,
        key_question=key_question_id,
        first=pair.first,
        second=pair.second,
        agreed=agreed,
    )
    return decision


def statistics(found: list[Pair]) -> dict[str, Any]:
    """Percentage agreement and Cohen's kappa per key question and per (first) assessor."""
    by_kq: dict[str, list[tuple[str, str]]] = defaultdict(list)
    by_assessor: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for pair in found:
        by_kq[pair.key_question_id].append((pair.first, pair.second))
        name = pair.sampled.assessor.get_username() if pair.sampled.assessor else "—"
        by_assessor[name].append((pair.first, pair.second))
    result: dict[str, dict[str, Agreement]] = {
        "key_questions": {kq: agreement(v) for kq, v in sorted(by_kq.items())},
        "assessors": {a: agreement(v) for a, v in sorted(by_assessor.items())},
    }
    return result
