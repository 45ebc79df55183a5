"""Write findings, domain summaries and recommendations (the inspection team; audited)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from yjinspect.audit.services import changes, record
from yjinspect.cases.models import CASELOAD, Case
from yjinspect.engine.profile import CaseloadProfile, caseload_profile
from yjinspect.fieldwork.models import EvidenceItem
from yjinspect.inspections.lifecycle import Operation, requirement
from yjinspect.inspections.lifecycle import check as check_stage
from yjinspect.inspections.models import Inspection
from yjinspect.inspections.permissions import require
from yjinspect.versioning import claim, save_versioned

from .models import Body, DomainSummary, Finding, Recommendation


@transaction.atomic
def add_finding(
    user: User,
    inspection: Inspection,
    standard_id: str,
    *,
    kind: str,
    text: str,
    key_questions: list[str],
    evidence: list[EvidenceItem],
    text_cy: str = "",
) -> Finding:
    require(user, "findings.write", inspection)
    check_stage(inspection, Operation.WRITE_FINDINGS)
    if kind not in Finding.Kind.values:
        raise ValidationError(
            {"kind": _("Choose whether it is a strength or an area for improvement")}
        )
    framework = inspection.framework
    if not framework.has_standard(standard_id):
        raise ValidationError(_("Unknown standard %(id)s") % {"id": standard_id})
    known = framework.standard(standard_id).key_question_set
    if any(kq not in known for kq in key_questions):
        raise ValidationError(_("Choose key questions of this standard only"))
    if any(item.inspection_id != inspection.pk for item in evidence):
        raise ValidationError(_("Evidence must come from this inspection"))
    if not text.strip():
        raise ValidationError(_("Enter the finding"))
    last = Finding.objects.filter(
        inspection=inspection, standard_id=standard_id, kind=kind
    ).aggregate(n=Max("position"))["n"]
    finding = Finding.objects.create(
        inspection=inspection,
        standard_id=standard_id,
        kind=kind,
        text=text.strip(),
        text_cy=text_cy.strip(),
        key_questions=sorted(key_questions),
        position=(last or 0) + 1,
        by=user,
    )
    finding.evidence.set(evidence)
    record(
        user, "finding.added", finding, inspection_id=inspection.pk, standard=standard_id, kind=kind
    )
    return finding


@transaction.atomic
def edit_finding(
    user: User,
    finding: Finding,
    *,
    text: str,
    text_cy: str,
    key_questions: list[str],
    evidence: list[EvidenceItem],
    version: int | None = None,
) -> Finding:
    """Change a finding's words (English and Welsh) and what it rests on."""
    inspection = finding.inspection
    require(user, "findings.write", inspection)
    check_stage(inspection, Operation.WRITE_FINDINGS)
    known = inspection.framework.standard(finding.standard_id).key_question_set
    if any(kq not in known for kq in key_questions):
        raise ValidationError(_("Choose key questions of this standard only"))
    if any(item.inspection_id != inspection.pk for item in evidence):
        raise ValidationError(_("Evidence must come from this inspection"))
    if not text.strip():
        raise ValidationError({"text": _("Enter the finding")})
    claim(finding, version)
    changed = changes(
        finding, text=text.strip(), text_cy=text_cy.strip(), key_questions=sorted(key_questions)
    )
    finding.text, finding.text_cy = text.strip(), text_cy.strip()
    finding.key_questions = sorted(key_questions)
    finding.save()
    finding.evidence.set(evidence)
    record(user, "finding.changed", finding, inspection_id=inspection.pk, **changed)
    return finding


def _move(user: User, item: Finding | Recommendation, up: bool, field: str, siblings: Any) -> None:
    """Swap ``item`` with its neighbour above or below among ``siblings`` (ordered by
    ``field``), and audit the move."""
    ordered = list(siblings)
    index = next(i for i, other in enumerate(ordered) if other.pk == item.pk)
    other_index = index - 1 if up else index + 1
    if not 0 <= other_index < len(ordered):
        raise ValidationError(_("It is already first") if up else _("It is already last"))
    # Number them afresh in their order, then swap the two.
    for place, member in enumerate(ordered, start=1):
        setattr(member, field, place)
    ordered[index], ordered[other_index] = ordered[other_index], ordered[index]
    for place, member in enumerate(ordered, start=1):
        type(member).objects.filter(pk=member.pk).update(**{field: place})
    record(
        user,
        f"{type(item).__name__.lower()}.moved",
        item,
        inspection_id=item.inspection_id,
        direction="up" if up else "down",
    )


@transaction.atomic
def move_finding(user: User, finding: Finding, *, up: bool) -> None:
    require(user, "findings.write", finding.inspection)
    check_stage(finding.inspection, Operation.WRITE_FINDINGS)
    siblings = Finding.objects.filter(
        inspection=finding.inspection, standard_id=finding.standard_id, kind=finding.kind
    )
    _move(user, finding, up, "position", siblings)


@transaction.atomic
def remove_finding(user: User, inspection: Inspection, finding_id: int) -> None:
    require(user, "findings.remove", inspection)
    check_stage(inspection, Operation.WRITE_FINDINGS)
    finding = Finding.objects.filter(inspection=inspection, pk=finding_id).first()
    if finding is None:
        raise ValidationError(_("No such finding"))
    record(user, "finding.removed", finding, inspection_id=inspection.pk)
    finding.delete()


@transaction.atomic
def save_summary(
    user: User,
    inspection: Inspection,
    domain_id: str,
    text: str,
    version: int | None = None,
    text_cy: str = "",
) -> DomainSummary:
    require(user, "findings.write", inspection)
    check_stage(inspection, Operation.WRITE_FINDINGS)
    if domain_id not in {d.id for d in inspection.framework.domains}:
        raise ValidationError(_("Unknown domain %(id)s") % {"id": domain_id})
    if not text.strip():
        raise ValidationError(_("Enter the summary"))
    summary, changed = save_versioned(
        DomainSummary,
        {"inspection": inspection, "domain_id": domain_id},
        version,
        {"text": text.strip(), "text_cy": text_cy.strip(), "by": user},
    )
    record(
        user,
        "domain_summary.saved",
        summary,
        inspection_id=inspection.pk,
        domain=domain_id,
        **changed,
    )
    return summary


@transaction.atomic
def add_recommendation(
    user: User,
    inspection: Inspection,
    *,
    body: str,
    body_name: str,
    text: str,
    standards: list[str],
    text_cy: str = "",
) -> Recommendation:
    """Recommendations are the lead inspector's; numbered in the order they are made."""
    require(user, "recommendations.write", inspection)
    check_stage(inspection, Operation.WRITE_FINDINGS)
    _check_recommendation(inspection, body, body_name, text, standards)
    last = Recommendation.objects.filter(inspection=inspection).aggregate(n=Max("number"))["n"]
    recommendation = Recommendation.objects.create(
        inspection=inspection,
        body=body,
        body_name=body_name.strip(),
        text=text.strip(),
        text_cy=text_cy.strip(),
        standards=sorted(standards),
        number=(last or 0) + 1,
        by=user,
    )
    record(
        user,
        "recommendation.added",
        recommendation,
        inspection_id=inspection.pk,
        body=body,
        standards=recommendation.standards,
    )
    return recommendation


def _check_recommendation(
    inspection: Inspection, body: str, body_name: str, text: str, standards: list[str]
) -> None:
    if body not in Body.values:
        raise ValidationError({"body": _("Choose what kind of body the recommendation is for")})
    if not body_name.strip():
        raise ValidationError({"body_name": _("Name the body the recommendation is addressed to")})
    unknown = [s for s in standards if not inspection.framework.has_standard(s)]
    if unknown or not standards:
        raise ValidationError(
            {"standards": _("Choose the standards the recommendation follows from")}
        )
    if not text.strip():
        raise ValidationError({"text": _("Enter the recommendation")})


@transaction.atomic
def edit_recommendation(
    user: User,
    recommendation: Recommendation,
    *,
    body: str,
    body_name: str,
    text: str,
    text_cy: str,
    standards: list[str],
    version: int | None = None,
) -> Recommendation:
    inspection = recommendation.inspection
    require(user, "recommendations.write", inspection)
    check_stage(inspection, Operation.WRITE_FINDINGS)
    _check_recommendation(inspection, body, body_name, text, standards)
    claim(recommendation, version)
    after = {
        "body": body,
        "body_name": body_name.strip(),
        "text": text.strip(),
        "text_cy": text_cy.strip(),
        "standards": sorted(standards),
    }
    changed = changes(recommendation, **after)
    for name, value in after.items():
        setattr(recommendation, name, value)
    recommendation.save()
    record(user, "recommendation.changed", recommendation, inspection_id=inspection.pk, **changed)
    return recommendation


@transaction.atomic
def move_recommendation(user: User, recommendation: Recommendation, *, up: bool) -> None:
    """Recommendations are numbered in the order the lead puts them."""
    require(user, "recommendations.write", recommendation.inspection)
    check_stage(recommendation.inspection, Operation.WRITE_FINDINGS)
    siblings = Recommendation.objects.filter(inspection=recommendation.inspection)
    _move(user, recommendation, up, "number", siblings)


@transaction.atomic
def remove_recommendation(user: User, inspection: Inspection, recommendation_id: int) -> None:
    """Remove one and renumber the rest, so the report's numbering has no gaps."""
    require(user, "recommendations.write", inspection)
    check_stage(inspection, Operation.WRITE_FINDINGS)
    target = Recommendation.objects.filter(inspection=inspection, pk=recommendation_id).first()
    if target is None:
        raise ValidationError(_("No such recommendation"))
    record(user, "recommendation.removed", target, inspection_id=inspection.pk)
    target.delete()
    for number, rec in enumerate(Recommendation.objects.filter(inspection=inspection), start=1):
        if rec.number != number:
            rec.number = number
            rec.save(update_fields=["number"])


def profile_of(inspection: Inspection) -> CaseloadProfile:
    """The imported caseload's profile, computed by the engine."""
    cases = [c.as_record() for c in Case.objects.filter(inspection=inspection, source=CASELOAD)]
    framework = inspection.framework
    return caseload_profile(cases, framework.age_bands, framework.optional_columns)


@requirement("recommendations_made")
def _recommendations_made(inspection: Inspection) -> str | None:
    if Recommendation.objects.filter(inspection=inspection).exists():
        return None
    return _("Make the recommendations.")
