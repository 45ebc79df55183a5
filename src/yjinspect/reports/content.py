"""The report's own words (foreword, overall findings), which languages it is published in,
and what still lacks its Welsh text.

A service in Wales publishes in English and Welsh, and every piece of written content needs
its Welsh before publishing; a service in England publishes in English unless the lead
chooses a Welsh version as well."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from yjinspect.audit.services import changes, record
from yjinspect.findings.models import DomainSummary, Finding, Recommendation
from yjinspect.inspections.lifecycle import Operation
from yjinspect.inspections.lifecycle import check as check_stage
from yjinspect.inspections.models import Inspection
from yjinspect.inspections.permissions import require
from yjinspect.services.models import Nation
from yjinspect.versioning import claim

from .models import ReportContent


def content_of(inspection: Inspection) -> ReportContent:
    return ReportContent.objects.filter(inspection=inspection).first() or ReportContent(
        inspection=inspection
    )


def languages_of(inspection: Inspection) -> tuple[str, ...]:
    if inspection.service.nation == Nation.WALES or content_of(inspection).welsh:
        return ("en", "cy")
    return ("en",)


@transaction.atomic
def save_content(
    user: User,
    inspection: Inspection,
    *,
    foreword: str,
    foreword_cy: str,
    overall: str,
    overall_cy: str,
    welsh: bool,
    version: int | None = None,
) -> ReportContent:
    require(user, "report.write", inspection)
    check_stage(inspection, Operation.WRITE_FINDINGS)
    content = content_of(inspection)
    if content.pk is None:
        content.save()
    claim(content, version)
    after = {
        "foreword": foreword.strip(),
        "foreword_cy": foreword_cy.strip(),
        "overall": overall.strip(),
        "overall_cy": overall_cy.strip(),
        # A service in Wales always publishes in Welsh too.
        "welsh": welsh or inspection.service.nation == Nation.WALES,
    }
    changed = changes(content, **after)
    for name, value in after.items():
        setattr(content, name, value)
    content.save()
    record(user, "report.content_saved", content, inspection_id=inspection.pk, **changed)
    return content


def missing_welsh(inspection: Inspection) -> list[str]:
    """Each piece of written content whose Welsh is not written yet, named for the lead."""
    missing: list[str] = []
    content = content_of(inspection)
    for field, label in (("foreword", _("the foreword")), ("overall", _("the overall findings"))):
        if getattr(content, field) and not getattr(content, f"{field}_cy"):
            missing.append(str(label))
    for summary in DomainSummary.objects.filter(inspection=inspection, text_cy=""):
        missing.append(_("the summary of domain %(id)s") % {"id": summary.domain_id})
    for finding in Finding.objects.filter(inspection=inspection, text_cy=""):
        missing.append(_("a finding on %(id)s") % {"id": finding.standard_id})
    for rec in Recommendation.objects.filter(inspection=inspection, text_cy=""):
        missing.append(_("recommendation %(n)s") % {"n": rec.number})
    return missing


def check_languages(inspection: Inspection) -> None:
    """Refuse to publish a Welsh version that would carry English where Welsh is due."""
    if "cy" not in languages_of(inspection):
        return
    missing = missing_welsh(inspection)
    if missing:
        shown = ", ".join(missing[:8])
        if len(missing) > 8:
            shown += _(" and %(n)s more") % {"n": len(missing) - 8}
        raise ValidationError(
            _("The Welsh version needs its Welsh text first: %(missing)s") % {"missing": shown}
        )
