"""Assess a sampled case against each case-based standard that applies to it. Saves are
optimistically locked: a save names the version it began from, and if someone else saved
since, it is refused and nothing is overwritten."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from yjinspect.audit.services import record
from yjinspect.engine import Basis, KeyQuestionCount, Standard
from yjinspect.engine.loader import RESULTS_BY
from yjinspect.inspections.lifecycle import Operation
from yjinspect.inspections.lifecycle import check as check_stage
from yjinspect.inspections.models import Inspection
from yjinspect.inspections.permissions import may
from yjinspect.versioning import StaleRecord

from .models import Answer, CaseAssessment, SampledCase


class StaleAssessment(StaleRecord):
    """Someone saved this assessment after the form was opened."""


@dataclass(frozen=True)
class AnswerInput:
    value: str  # "yes", "no", "na", or "" while a draft
    evidence: str = ""


def applicable_standards(inspection: Inspection, sampled: SampledCase) -> list[Standard]:
    """The standards of the domain the case was sampled for whose key questions are answered
    case by case: case-based ones, and judgement ones assessed in cases (the joint
    inspections' areas)."""
    return [
        standard
        for domain in inspection.framework.domains
        if domain.population in sampled.populations
        for standard in domain.standards
        if standard.basis is Basis.CASE or standard.assessed_in_cases
    ]


def may_assess(user: User, sampled: SampledCase, kind: str) -> bool:
    rule = "case.assess_second" if kind == CaseAssessment.Kind.SECOND else "case.assess_first"
    return may(user, rule, sampled)


def find(sampled: SampledCase, standard_id: str, kind: str) -> CaseAssessment | None:
    return (
        CaseAssessment.objects.filter(sampled_case=sampled, standard_id=standard_id, kind=kind)
        .prefetch_related("answers")
        .first()
    )


def save(
    user: User,
    sampled: SampledCase,
    standard: Standard,
    *,
    kind: str,
    version: int,
    answers: dict[str, AnswerInput],
    case_manager_present: bool | None,
    submit: bool,
) -> CaseAssessment:
    """Save a draft or submit. Submitting needs an answer to every key question."""
    if not may_assess(user, sampled, kind):
        raise ValidationError(_("This case is not allocated to you"))
    check_stage(sampled.inspection, Operation.ASSESS)
    unknown = set(answers) - set(standard.key_question_ids)
    if unknown:
        raise ValidationError(
            _("Unknown key question: %(id)s") % {"id": ", ".join(sorted(unknown))}
        )
    if submit:
        missing = [
            kq for kq in standard.key_question_ids if not answers.get(kq, AnswerInput("")).value
        ]
        if missing:
            raise ValidationError(
                _("Answer every key question before submitting: %(ids)s")
                % {"ids": ", ".join(missing)}
            )
        if case_manager_present is None:
            raise ValidationError(_("Say whether the case manager was present"))
    try:
        with transaction.atomic():
            assessment, _created = CaseAssessment.objects.get_or_create(
                sampled_case=sampled,
                standard_id=standard.id,
                kind=kind,
                defaults={"assessor": user},
            )
            updated = CaseAssessment.objects.filter(pk=assessment.pk, version=version).update(
                version=F("version") + 1,
                state=CaseAssessment.State.SUBMITTED if submit else CaseAssessment.State.DRAFT,
                case_manager_present=case_manager_present,
                updated_at=timezone.now(),
            )
            if not updated:
                raise StaleAssessment(
                    _(
                        "Someone else saved this assessment after you opened it. Your changes "
                        "have not been saved: open it again to see theirs, then make yours."
                    )
                )
            for kq_id, given in answers.items():
                if given.value:
                    Answer.objects.update_or_create(
                        assessment=assessment,
                        key_question_id=kq_id,
                        defaults={"value": given.value, "evidence": given.evidence.strip()},
                    )
                else:
                    Answer.objects.filter(assessment=assessment, key_question_id=kq_id).delete()
    except IntegrityError:  # two first saves at once: the loser is stale
        raise StaleAssessment(_("Someone else saved this assessment at the same moment.")) from None
    assessment.refresh_from_db()
    record(
        user,
        "assessment.submitted" if submit else "assessment.saved",
        assessment,
        inspection_id=sampled.inspection_id,
        case=sampled.case.case_ref,
        standard=standard.id,
        kind=kind,
        answers={k: a.value for k, a in answers.items()},
    )
    return assessment


def _counted_answers(inspection: Inspection) -> Any:
    """The answers the ratings count: submitted first assessments of cases still sampled."""
    return Answer.objects.filter(
        assessment__sampled_case__inspection=inspection,
        assessment__sampled_case__replaced_reason="",
        assessment__kind=CaseAssessment.Kind.FIRST,
        assessment__state=CaseAssessment.State.SUBMITTED,
    )


def key_question_counts_by(
    inspection: Inspection, field: str
) -> dict[str, dict[str, dict[str, KeyQuestionCount]]]:
    """The counts of :func:`key_question_counts` apart by a field of the case ("disposal":
    court and out-of-court): standard → key question → value → counts. One query."""
    if field not in RESULTS_BY:  # a column of Case that the framework rules allow
        raise ValueError(field)
    rows = (
        _counted_answers(inspection)
        .values(
            "assessment__standard_id", "key_question_id", f"assessment__sampled_case__case__{field}"
        )
        .annotate(
            yes=Count("id", filter=Q(value=Answer.Value.YES)),
            no=Count("id", filter=Q(value=Answer.Value.NO)),
        )
    )
    split: dict[str, dict[str, dict[str, KeyQuestionCount]]] = {}
    for row in rows:
        by_kq = split.setdefault(row["assessment__standard_id"], {})
        by_kq.setdefault(row["key_question_id"], {})[
            row[f"assessment__sampled_case__case__{field}"]
        ] = KeyQuestionCount(row["yes"], row["no"])
    return split


def key_question_counts(inspection: Inspection) -> dict[str, dict[str, KeyQuestionCount]]:
    """Yes/no counts per key question from submitted first assessments of cases in the
    sample; one query, however many cases."""
    rows = (
        _counted_answers(inspection)
        .values("assessment__standard_id", "key_question_id")
        .annotate(
            yes=Count("id", filter=Q(value=Answer.Value.YES)),
            no=Count("id", filter=Q(value=Answer.Value.NO)),
        )
    )
    counts: dict[str, dict[str, KeyQuestionCount]] = {}
    for row in rows:
        counts.setdefault(row["assessment__standard_id"], {})[row["key_question_id"]] = (
            KeyQuestionCount(row["yes"], row["no"])
        )
    return counts
