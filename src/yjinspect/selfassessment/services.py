"""A service's self-assessment against the YJB's national standards, run with the inspection
machinery: an inspection under a self-assessment framework, covering one standard or all
five, started and led by one of the service's managers with colleagues as assessors. Its
caseload is taken from the service's own records, its sample is a share of the cases relevant
to each standard (the framework's rule), and it is assessed, moderated, rated and signed off
like an inspection. The inspectorate never sees it (inspections.permissions)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from yjinspect.accounts.permissions import require
from yjinspect.audit.services import record
from yjinspect.cases.models import CASELOAD, Case
from yjinspect.casework.models import ServiceCase
from yjinspect.engine import Framework, get_framework
from yjinspect.inspections.lifecycle import Operation
from yjinspect.inspections.lifecycle import check as check_stage
from yjinspect.inspections.models import Inspection, self_assessment_frameworks
from yjinspect.inspections.permissions import require as require_on
from yjinspect.inspections.services import open_inspection
from yjinspect.ratings.models import SignOff
from yjinspect.services.models import YouthJusticeService


def frameworks() -> list[Framework]:
    return [get_framework(framework_id) for framework_id in self_assessment_frameworks()]


def of_service(service: YouthJusticeService) -> QuerySet[Inspection]:
    return (
        Inspection.objects.self_assessments()
        .filter(service=service)
        .order_by("-fieldwork_start", "-pk")
    )


@transaction.atomic
def start(
    user: User,
    service: YouthJusticeService,
    *,
    framework_id: str,
    standards: list[str],
    audit_start: date,
    audit_end: date,
) -> Inspection:
    """A self-assessment of the chosen national standards (the framework's domains), led by
    the manager who starts it. The audit looks at the cases relevant to each standard as they
    stood on ``audit_start``."""
    require(user, "service.self_assessment.start", service)
    framework = get_framework(framework_id)
    if not framework.is_self_assessment:
        raise ValidationError(
            _("%(id)s is not a framework for self-assessment") % {"id": framework_id}
        )
    offered = [domain.id for domain in framework.domains]
    unknown = sorted(set(standards) - set(offered))
    if unknown:
        raise ValidationError(_("No such standard: %(ids)s") % {"ids": ", ".join(unknown)})
    if not standards:
        raise ValidationError(_("Choose at least one standard to assess"))
    # All of them is the whole framework; fewer is a scope, kept in the framework's order.
    scope = [] if set(standards) == set(offered) else [d for d in offered if d in standards]
    inspection = open_inspection(
        user,
        service=service,
        framework_id=framework_id,
        fieldwork_start=audit_start,
        fieldwork_end=audit_end,
        lead=True,
        scope=scope,
    )
    record(
        user,
        "self_assessment.started",
        inspection,
        inspection_id=inspection.pk,
        service=service.name,
        standards=scope or offered,
    )
    return inspection


@transaction.atomic
def take_caseload(user: User, inspection: Inspection) -> int:
    """The self-assessment's caseload from the service's own records: every case that had
    started by the audit's first day, with its profile (never a name)."""
    require_on(user, "caseload.import", inspection)
    if not inspection.is_self_assessment:
        raise ValidationError(_("An inspection's caseload is uploaded by its lead"))
    check_stage(inspection, Operation.IMPORT_CASELOAD)
    if Case.objects.filter(inspection=inspection).exists():
        raise ValidationError(_("The caseload has already been taken"))
    rows = [
        Case.from_record(inspection, CASELOAD, case.as_record())
        for case in ServiceCase.objects.filter(
            service_id=inspection.service_id, starts_on__lte=inspection.fieldwork_start
        ).order_by("case_ref")
    ]
    if not rows:
        raise ValidationError(
            _("The service's records hold no case that had started by %(day)s")
            % {"day": f"{inspection.fieldwork_start:%d/%m/%Y}"}
        )
    Case.objects.bulk_create(rows)
    record(
        user,
        "caseload.taken_from_records",
        inspection,
        inspection_id=inspection.pk,
        cases=len(rows),
    )
    return len(rows)


@dataclass(frozen=True)
class Result:
    """A signed-off self-assessment's ratings, standard by standard, as signed."""

    inspection: Inspection
    signed_on: date
    framework: Framework
    # (the national standard's title, the part's title, the rating's title, the lowest
    # question's percentage where the part is audited in cases)
    rows: list[tuple[str, str, str, int | None]]


def last_result(
    service: YouthJusticeService, language: str, by: date | None = None
) -> Result | None:
    """The service's latest signed-off self-assessment (signed on or before ``by``)."""
    sign_offs = SignOff.objects.filter(
        inspection__service=service, inspection__framework_id__in=self_assessment_frameworks()
    ).select_related("inspection")
    if by is not None:
        sign_offs = sign_offs.filter(at__date__lte=by)
    signed = sign_offs.order_by("-at", "-id").first()
    if signed is None:
        return None
    framework = signed.inspection.framework
    standards: dict[str, Any] = signed.snapshot["ratings"]["cy" if language == "cy" else "en"][
        "standards"
    ]
    rows = [
        (
            domain.title.get(language),
            standard.title.get(language),
            str(standards[standard.id]["rating_title"]),
            standards[standard.id].get("percent"),
        )
        for domain in framework.domains
        for standard in domain.standards
        if standard.id in standards
    ]
    return Result(
        inspection=signed.inspection, signed_on=signed.at.date(), framework=framework, rows=rows
    )
