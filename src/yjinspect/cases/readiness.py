"""What the lifecycle's transitions need from the caseload, the sample and the assessments
(registered by name with inspections.lifecycle when the app loads)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from yjinspect.inspections.lifecycle import requirement
from yjinspect.inspections.models import Inspection

from . import victims
from .assessment import applicable_standards
from .models import Case, CaseAssessment, Sample
from .moderation import pairs
from .sampling import current_sample


@requirement("caseload_imported")
def caseload_imported(inspection: Inspection) -> str | None:
    if not Case.objects.filter(inspection=inspection, source=victims.CASELOAD).exists():
        return _("Import the caseload.")
    if victims.victim_populations(inspection.framework) and not victims.listed(inspection).exists():
        return _("Import the victims list.")
    return None


@requirement("sample_allocated")
def sample_allocated(inspection: Inspection) -> str | None:
    if not Sample.objects.filter(inspection=inspection).exists():
        return _("Draw the sample.")
    if current_sample(inspection).filter(assessor__isnull=True).exists():
        return _("Allocate every sampled case to an assessor.")
    return None


@requirement("cases_assessed")
def cases_assessed(inspection: Inspection) -> str | None:
    submitted = set(
        CaseAssessment.objects.filter(
            sampled_case__inspection=inspection,
            kind=CaseAssessment.Kind.FIRST,
            state=CaseAssessment.State.SUBMITTED,
        ).values_list("sampled_case_id", "standard_id")
    )
    waiting = sum(
        1
        for sampled in current_sample(inspection)
        for standard in applicable_standards(inspection, sampled)
        if (sampled.pk, standard.id) not in submitted
    )
    if waiting:
        return _("Submit every sampled case's assessments (%(n)s still to submit).") % {
            "n": waiting
        }
    return None


@requirement("disagreements_resolved")
def disagreements_resolved(inspection: Inspection) -> str | None:
    open_count = sum(1 for p in pairs(inspection) if p.first != p.second and p.decision is None)
    if open_count:
        return _("Agree an answer for every moderation disagreement (%(n)s open).") % {
            "n": open_count
        }
    return None
