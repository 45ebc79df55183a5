"""Everything held about one case reference at one service, for a subject-access request:
the caseload rows, the sample, every assessment and its answers, moderation, alerts and the
service's responses, and the audit events about those records. Exporting is audited."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from yjinspect.alerts.models import CaseAlert
from yjinspect.audit.models import AuditEvent
from yjinspect.audit.services import record_event
from yjinspect.cases.models import Case, CaseAssessment, ModerationDecision, SampledCase, StagedCase
from yjinspect.casework.models import Allocation, ServiceCase
from yjinspect.interventions.models import Referral
from yjinspect.outofcourt.models import PanelDecision
from yjinspect.safeguarding.models import ExploitationScreening, Notice, NrmReferral
from yjinspect.services.models import YouthJusticeService


def _case_fields(case: Case | StagedCase) -> dict[str, Any]:
    return {
        "case_ref": case.case_ref,
        "disposal": case.disposal,
        "disposal_type": case.disposal_type,
        "start_date": case.start_date.isoformat(),
        "sex": case.sex,
        "age": case.age,
        "ethnicity": case.ethnicity,
        "rosh": case.rosh,
        "safety_wellbeing": case.safety_wellbeing,
        **case.extra,
    }


OWN_CASE_FIELDS = (
    "disposal",
    "disposal_type",
    "sex",
    "age",
    "ethnicity",
    "rosh",
    "safety_wellbeing",
    "starts_on",
    "ends_on",
)


def gather(user: Any, service: YouthJusticeService, case_ref: str) -> dict[str, Any]:
    """The whole record for ``case_ref`` at ``service``, as plain data (JSON-ready)."""
    case_ref = case_ref.strip()
    if not case_ref:
        raise ValidationError(_("Enter the case reference"))
    cases = Case.objects.filter(inspection__service=service, case_ref=case_ref).select_related(
        "inspection"
    )
    staged = StagedCase.objects.filter(upload__inspection__service=service, case_ref=case_ref)
    sampled = SampledCase.objects.filter(case__in=cases).select_related("inspection")
    assessments = (
        CaseAssessment.objects.filter(sampled_case__in=sampled)
        .select_related("assessor", "sampled_case")
        .prefetch_related("answers")
    )
    alerts = (
        CaseAlert.objects.filter(cases__in=sampled)
        .distinct()
        .prefetch_related("responses", "actions")
    )
    own = ServiceCase.objects.filter(service=service, case_ref=case_ref).select_related(
        "case_manager"
    )
    notices = Notice.objects.filter(case__in=own).select_related("seen_by")
    screenings = ExploitationScreening.objects.filter(case__in=own)
    nrm = NrmReferral.objects.filter(case__in=own)
    referrals = Referral.objects.filter(case__in=own).select_related("intervention")
    decisions = PanelDecision.objects.filter(case__in=own).select_related("panel")
    allocations = Allocation.objects.filter(case__in=own).select_related("practitioner")

    def ids(records: Any) -> list[str]:
        return [str(r.pk) for r in records]

    about = (
        Q(object_type="cases.sampledcase", object_id__in=ids(sampled))
        | Q(object_type="alerts.casealert", object_id__in=ids(alerts))
        | Q(object_type="casework.servicecase", object_id__in=ids(own))
        | Q(object_type="safeguarding.notice", object_id__in=ids(notices))
        | Q(object_type="safeguarding.exploitationscreening", object_id__in=ids(screenings))
        | Q(object_type="safeguarding.nrmreferral", object_id__in=ids(nrm))
        | Q(object_type="interventions.referral", object_id__in=ids(referrals))
        | Q(object_type="outofcourt.paneldecision", object_id__in=ids(decisions))
    )
    held = {
        "service": service.name,
        "case_ref": case_ref,
        "caseload_rows": [
            {
                "inspection": c.inspection_id,
                "fieldwork_start": str(c.inspection.fieldwork_start),
                **_case_fields(c),
            }
            for c in cases
        ],
        "unconfirmed_upload_rows": [_case_fields(s) for s in staged],
        "sampled": [
            {
                "inspection": s.inspection_id,
                "population": s.population,
                "replaced_reason": s.replaced_reason,
                "for_moderation": s.for_moderation,
            }
            for s in sampled
        ],
        "assessments": [
            {
                "inspection": a.sampled_case.inspection_id,
                "standard": a.standard_id,
                "kind": a.kind,
                "state": a.state,
                "assessor": a.assessor.get_username(),
                "answers": [
                    {
                        "key_question": ans.key_question_id,
                        "answer": ans.value,
                        "evidence": ans.evidence,
                    }
                    for ans in a.answers.all()
                ],
            }
            for a in assessments
        ],
        "moderation": [
            {
                "standard": m.standard_id,
                "key_question": m.key_question_id,
                "first": m.first_value,
                "second": m.second_value,
                "agreed": m.agreed_value,
                "note": m.note,
            }
            for m in ModerationDecision.objects.filter(sampled_case__in=sampled)
        ],
        "alerts": [
            {
                "inspection": a.inspection_id,
                "number": a.number,
                "kind": a.kind,
                "severity": a.severity,
                "themes": a.themes,
                "state": a.state,
                "found": a.found,
                "found_cy": a.found_cy,
                "responses": [
                    {"plan": r.action, "decision": r.decision, "reasons": r.reasons}
                    for r in a.responses.all()
                ],
                "actions": [
                    {
                        "action": x.text,
                        "owner": x.owner,
                        "due": str(x.due),
                        "status": x.status,
                        "evidence": x.evidence,
                    }
                    for x in a.actions.all()
                ],
                "closing_note": a.closing_note,
            }
            for a in alerts
        ],
        # The service's own records of the child, kept between inspections.
        "service_cases": [
            {
                **{f: str(getattr(c, f)) for f in OWN_CASE_FIELDS},
                "case_manager": c.case_manager.name if c.case_manager else None,
                "needs": c.needs,
            }
            for c in own
        ],
        "allocations": [
            {
                "at": a.allocated_at.isoformat(),
                "to": a.practitioner.name,
                "override_reason": a.override_reason,
            }
            for a in allocations
        ],
        "notices": [
            {
                "kind": n.kind,
                "from": n.from_agency,
                "occurred_at": n.occurred_at.isoformat(),
                "received_at": n.received_at.isoformat(),
                "seen_at": n.seen_at.isoformat() if n.seen_at else None,
                "seen_by": n.seen_by.name if n.seen_by else None,
                "summary": n.summary,
            }
            for n in notices
        ],
        "exploitation_screenings": [
            {"screened_on": str(x.screened_on), "outcome": x.outcome} for x in screenings
        ],
        "nrm_referrals": [
            {
                "referred_on": str(r.referred_on),
                "first_responder": r.first_responder,
                "reasonable_grounds": r.reasonable_grounds,
                "conclusive_grounds": r.conclusive_grounds,
            }
            for r in nrm
        ],
        "intervention_referrals": [
            {
                "intervention": r.intervention.name,
                "referred_on": str(r.referred_on),
                "started_on": str(r.started_on) if r.started_on else None,
                "ended_on": str(r.ended_on) if r.ended_on else None,
                "outcome": r.outcome,
            }
            for r in referrals
        ],
        "out_of_court_decisions": [
            {
                "panel_held_on": str(d.panel.held_on),
                "information": d.information,
                "outcome": d.outcome,
                "reason": d.reason,
            }
            for d in decisions
        ],
        "audit_events": [
            {"at": e.at.isoformat(), "actor": e.actor, "action": e.action, "details": e.details}
            for e in AuditEvent.objects.filter(about).order_by("id")
        ],
    }
    record_event(
        user,
        "subject_access.exported",
        object_type="services.youthjusticeservice",
        object_id=str(service.pk),
        details={
            "case_records": len(held["caseload_rows"]),
            "alerts": len(held["alerts"]),
            "service_cases": len(held["service_cases"]),
        },
    )
    return held
