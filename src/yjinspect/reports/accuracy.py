"""The factual-accuracy check: the service comments on paragraphs of the draft report; the
lead inspector accepts or rejects each, with a reason; publishing waits for every decision."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yjinspect.audit.services import changes, record
from yjinspect.findings.models import DomainSummary, Finding, Recommendation
from yjinspect.inspections.lifecycle import Operation
from yjinspect.inspections.lifecycle import check as check_stage
from yjinspect.inspections.models import Inspection
from yjinspect.inspections.permissions import may, require

from .models import AccuracyComment


def report_paragraphs(inspection: Inspection, language: str) -> list[tuple[str, str]]:
    """The report's paragraphs a comment can be about: (key, label)."""
    framework = inspection.framework
    paragraphs = [
        ("foreword", _("Foreword")),
        ("cover", _("Cover: score and overall rating")),
        ("overall", _("Overall findings")),
        ("ratings", _("Ratings")),
        ("background", _("Background and contextual facts")),
    ]
    domains = {d.id: d for d in framework.domains}
    for summary in DomainSummary.objects.filter(inspection=inspection):
        domain = domains.get(summary.domain_id)
        title = domain.title.get(language) if domain else summary.domain_id
        paragraphs.append(
            (f"summary-{summary.domain_id}", _("Summary: %(domain)s") % {"domain": title})
        )
    for finding in Finding.objects.filter(inspection=inspection):
        paragraphs.append((f"finding-{finding.pk}", f"{finding.standard_id}: {finding.text[:70]}"))
    for rec in Recommendation.objects.filter(inspection=inspection):
        paragraphs.append(
            (f"recommendation-{rec.number}", _("Recommendation %(n)s") % {"n": rec.number})
        )
    paragraphs += [
        ("views", _("The views of children, parents or carers and victims")),
        ("alerts", _("Case alerts")),
        ("profile", _("Caseload profile")),
        ("methodology", _("Methodology")),
        ("team", _("The inspection team and partner inspectorates")),
    ]
    return paragraphs


@transaction.atomic
def comment(user: User, inspection: Inspection, paragraph: str, comment: str) -> AccuracyComment:
    if not may(user, "accuracy.comment", inspection):
        raise ValidationError(_("Factual-accuracy comments come from the inspected service"))
    check_stage(inspection, Operation.CHECK_ACCURACY)
    if paragraph not in dict(report_paragraphs(inspection, "en")):
        raise ValidationError(_("Choose a paragraph of the report"))
    if not comment.strip():
        raise ValidationError(_("Enter your comment"))
    made = AccuracyComment.objects.create(
        inspection=inspection, paragraph=paragraph, comment=comment.strip(), by=user
    )
    record(user, "accuracy.commented", made, inspection_id=inspection.pk, paragraph=paragraph)
    return made


@transaction.atomic
def decide(user: User, made: AccuracyComment, decision: str, reason: str) -> AccuracyComment:
    require(user, "accuracy.decide", made.inspection)
    check_stage(made.inspection, Operation.CHECK_ACCURACY)
    if decision not in (AccuracyComment.Decision.ACCEPTED, AccuracyComment.Decision.REJECTED):
        raise ValidationError(_("Choose accept or reject"))
    if not reason.strip():
        raise ValidationError(_("Give the reason for the decision"))
    changed = changes(made, decision=decision, reason=reason.strip())
    made.decision, made.reason = decision, reason.strip()
    made.decided_by, made.decided_at = user, timezone.now()
    made.save()
    record(user, "accuracy.decided", made, inspection_id=made.inspection_id, **changed)
    return made


def pending(inspection: Inspection) -> int:
    return AccuracyComment.objects.filter(
        inspection=inspection, decision=AccuracyComment.Decision.PENDING
    ).count()
