"""Inspections and their records, each behind the same rule as its page
(``inspections.permissions``): someone who may not see an inspection gets 404, someone who may
see it but not this part gets 403 with the reason."""

# No "from __future__ import annotations": django-ninja reads the annotations at run time.

from typing import Any, TypeVar

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from ninja import File, P, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import PageNumberPagination, paginate
from ninja.params import HeaderEx
from pydantic import Field

from yjinspect.alerts import services as alerts
from yjinspect.alerts.models import CaseAlert
from yjinspect.cases import assessment, caseload, victims
from yjinspect.cases.models import Answer, CaseAssessment, CaseloadImport, SampledCase
from yjinspect.cases.sampling import current_sample
from yjinspect.converters import MAX_ID
from yjinspect.engine import Basis
from yjinspect.fieldwork import services as fieldwork
from yjinspect.fieldwork.models import Consent, EvidenceItem
from yjinspect.findings import services as findings
from yjinspect.findings.models import Finding, Recommendation
from yjinspect.inspections import permissions
from yjinspect.inspections.models import Inspection
from yjinspect.plans import services as plans
from yjinspect.plans.models import ImprovementAction
from yjinspect.ratings import services as ratings
from yjinspect.ratings.models import JudgementRating
from yjinspect.ratings.services import shown_ratings

from .etags import etag_of, require_match, require_tag
from .problems import ProblemError
from .schemas import (
    AlertDetailOut,
    AlertOut,
    AssessmentIn,
    AssessmentOut,
    CaseloadImportOut,
    EvidenceIn,
    EvidenceOut,
    FindingIn,
    FindingOut,
    ImprovementActionOut,
    ImprovementActionPatch,
    InspectionOut,
    JudgementIn,
    JudgementOut,
    OneAssessmentOut,
    PlanIn,
    Ratings,
    RecommendationIn,
    RecommendationOut,
    SampledCaseOut,
    UrgentActionIn,
    UrgentActionOut,
    VictimsListOut,
)
from .shared import ERRORS, Id, language, user_of

router = Router(tags=["inspections"])


def inspection(request: HttpRequest, pk: Id, rule: str) -> Inspection:
    return permissions.inspection_for(request, pk, rule)


def _inspection_out(item: Inspection) -> dict[str, Any]:
    return {
        "id": item.pk,
        "service_id": item.service_id,
        "service_name": item.service.name,
        "framework_id": item.framework_id,
        "fieldwork_start": item.fieldwork_start,
        "fieldwork_end": item.fieldwork_end,
        "status": item.status,
        "published": item.is_published,
    }


class InspectionFilter(Schema):
    service: int | None = Field(default=None, ge=1, le=MAX_ID)
    status: str | None = None
    framework: str | None = None


@router.get("/inspections/", response={200: list[InspectionOut], **ERRORS})
@paginate(PageNumberPagination, page_size=50)
def list_inspections(request: HttpRequest, filters: Query[InspectionFilter]) -> Any:
    """The inspections you may see, newest fieldwork first; filter by service id, stage or
    framework."""
    found = permissions.visible_inspections(user_of(request))
    if filters.service is not None:
        found = found.filter(service_id=filters.service)
    if filters.status:
        found = found.filter(status=filters.status)
    if filters.framework:
        found = found.filter(framework_id=filters.framework)
    return [_inspection_out(item) for item in found.order_by("-fieldwork_start", "pk")]


@router.get("/inspections/{pk}/", response={200: InspectionOut, **ERRORS})
def get_inspection(request: HttpRequest, pk: Id) -> Any:
    return _inspection_out(inspection(request, pk, "inspection.view"))


@router.get("/inspections/{pk}/sample/", response={200: list[SampledCaseOut], **ERRORS})
@paginate(PageNumberPagination, page_size=100)
def list_sample(request: HttpRequest, pk: Id) -> Any:
    """The sampled cases still in the sample, with their populations and assessors."""
    item = inspection(request, pk, "sample.view")
    return [
        {
            "id": sampled.pk,
            "case_ref": sampled.case.case_ref,
            "populations": list(sampled.populations),
            "stratum": sampled.stratum,
            "assessor": sampled.assessor.get_username() if sampled.assessor else None,
            "second_assessor": (
                sampled.second_assessor.get_username() if sampled.second_assessor else None
            ),
            "for_moderation": sampled.for_moderation,
            "replaced_reason": sampled.replaced_reason,
        }
        for sampled in current_sample(item)
    ]


@router.get("/inspections/{pk}/assessments/", response={200: list[AssessmentOut], **ERRORS})
@paginate(PageNumberPagination, page_size=100)
def list_assessments(request: HttpRequest, pk: Id) -> Any:
    """Every case assessment with its answers (the moderation view's right to see them)."""
    item = inspection(request, pk, "moderation.view")
    rows: QuerySet[CaseAssessment] = (
        CaseAssessment.objects.filter(sampled_case__inspection=item)
        .select_related("sampled_case__case", "assessor")
        .prefetch_related("answers")
        .order_by("sampled_case__case__case_ref", "standard_id", "kind")
    )
    return [
        {
            "id": a.pk,
            "sampled_case_id": a.sampled_case_id,
            "case_ref": a.sampled_case.case.case_ref,
            "standard_id": a.standard_id,
            "kind": a.kind,
            "state": a.state,
            "assessor": a.assessor.get_username(),
            "answers": [
                {"key_question_id": x.key_question_id, "value": x.value, "evidence": x.evidence}
                for x in a.answers.all()
            ],
        }
        for a in rows
    ]


def _assessment(
    request: HttpRequest, pk: int, sampled_id: int, standard_id: str, kind: str
) -> tuple[SampledCase, Any, CaseAssessment | None]:
    """The sampled case, the standard and its assessment of this kind, when the person is
    its assessor (or the lead)."""
    item = inspection(request, pk, "cases.view")
    sampled = current_sample(item).filter(pk=sampled_id).first()
    if sampled is None:
        raise ProblemError(404, "No such case in the sample")
    if kind not in CaseAssessment.Kind.values:
        raise ProblemError(404, "No such kind of assessment: first or second")
    standards = {s.id: s for s in assessment.applicable_standards(item, sampled)}
    if standard_id not in standards:
        raise ProblemError(404, "No such standard for this case")
    if not assessment.may_assess(user_of(request), sampled, kind):
        raise ProblemError(403, "This case is not allocated to you")
    return sampled, standards[standard_id], assessment.find(sampled, standard_id, kind)


def _assessment_tag(sampled: SampledCase, standard_id: str, kind: str, version: int) -> str:
    return f'"cases.caseassessment-{sampled.pk}-{standard_id}-{kind}-v{version}"'


def _assessment_out(
    sampled: SampledCase, standard_id: str, kind: str, held: CaseAssessment | None
) -> dict[str, Any]:
    return {
        "case_ref": sampled.case.case_ref,
        "standard_id": standard_id,
        "kind": kind,
        "state": held.state if held else "not_started",
        "version": held.version if held else 0,
        "case_manager_present": held.case_manager_present if held else None,
        "answers": [
            {"key_question_id": a.key_question_id, "value": a.value, "evidence": a.evidence}
            for a in (held.answers.all() if held else [])
        ],
    }


ASSESSMENT = "/inspections/{pk}/cases/{sampled_id}/assessments/{standard_id}/{kind}/"


@router.get(ASSESSMENT, response={200: OneAssessmentOut, **ERRORS})
def get_assessment(
    request: HttpRequest,
    response: HttpResponse,
    pk: Id,
    sampled_id: Id,
    standard_id: str,
    kind: str,
) -> Any:
    """One case's assessment against one standard ("first", or "second" in moderation), with
    its ``ETag``: send it back as ``If-Match`` to save it."""
    sampled, standard, held = _assessment(request, pk, sampled_id, standard_id, kind)
    response["ETag"] = _assessment_tag(sampled, standard.id, kind, held.version if held else 0)
    return _assessment_out(sampled, standard.id, kind, held)


@router.put(ASSESSMENT, response={200: OneAssessmentOut, **ERRORS})
def save_assessment(
    request: HttpRequest,
    response: HttpResponse,
    pk: Id,
    sampled_id: Id,
    standard_id: str,
    kind: str,
    given: AssessmentIn,
    if_match: HeaderEx[str | None, P(alias="If-Match")] = None,
) -> Any:
    """Save the answers as a draft, or submit them (every key question answered, and whether
    the case manager was present). Needs ``If-Match``: an assessment saved by someone else
    since you read it is never overwritten (412)."""
    sampled, standard, held = _assessment(request, pk, sampled_id, standard_id, kind)
    version = held.version if held else 0
    require_tag(_assessment_tag(sampled, standard.id, kind, version), if_match)
    unknown = [v.value for v in given.answers.values() if v.value not in ("", *Answer.Value.values)]
    if unknown:
        raise ProblemError(422, "An answer is yes, no, na, or empty: not " + ", ".join(unknown))
    saved = assessment.save(
        user_of(request),
        sampled,
        standard,
        kind=kind,
        version=version,
        answers={
            kq: assessment.AnswerInput(a.value, a.evidence) for kq, a in given.answers.items()
        },
        case_manager_present=given.case_manager_present,
        submit=given.submit,
    )
    response["ETag"] = _assessment_tag(sampled, standard.id, kind, saved.version)
    return _assessment_out(sampled, standard.id, kind, assessment.find(sampled, standard.id, kind))


@router.get("/inspections/{pk}/evidence/", response={200: list[EvidenceOut], **ERRORS})
@paginate(PageNumberPagination, page_size=100)
def list_evidence(request: HttpRequest, pk: Id) -> Any:
    item = inspection(request, pk, "judgement.view")
    return list(EvidenceItem.objects.filter(inspection=item).order_by("standard_id", "pk"))


@router.post("/inspections/{pk}/evidence/", response={201: EvidenceOut, **ERRORS})
def add_evidence(request: HttpRequest, pk: Id, given: EvidenceIn) -> Any:
    """Record fieldwork evidence about a standard (or one of its key questions)."""
    item = inspection(request, pk, "evidence.add")
    consent = None
    if given.consent_id is not None:
        consent = Consent.objects.filter(inspection=item, pk=given.consent_id).first()
        if consent is None:
            raise ProblemError(422, "No such consent in this inspection")
    made = fieldwork.add_evidence(
        user_of(request),
        item,
        given.standard_id,
        key_question_id=given.key_question_id,
        source=given.source,
        summary=given.summary,
        consent=consent,
    )
    return Status(201, made)


def _import_out(upload: CaseloadImport) -> dict[str, Any]:
    return {
        "id": upload.pk,
        "file_name": upload.file_name,
        "state": upload.state,
        "rows_total": upload.rows_total,
        "rows_done": upload.rows_done,
        "problems": [
            {
                "column": p.get("column", ""),
                "message": p.get("message", ""),
                "count": p.get("count", 1),
                "rows": [r for r in p.get("rows", []) if r is not None],
            }
            for p in upload.problems
        ],
    }


@router.post("/inspections/{pk}/caseload-imports/", response={201: CaseloadImportOut, **ERRORS})
def upload_caseload(request: HttpRequest, pk: Id, file: File[UploadedFile]) -> Any:
    """Check a caseload file (CSV or XLSX, as on the caseload page): every problem is named
    by column and rows, and nothing is imported until it is confirmed."""
    item = inspection(request, pk, "caseload.import")
    checked = caseload.check_upload(user_of(request), item, file.name or "", file)
    return Status(201, _import_out(checked))


M = TypeVar("M", CaseloadImport, ImprovementAction, CaseAlert)


def belonging(model: type[M], request: HttpRequest, pk: int, record_id: int, rule: str) -> M:
    """A record of the inspection, when the person may do ``rule`` there; else 404 (or 403)."""
    item = inspection(request, pk, rule)
    found = model.objects.filter(inspection=item, pk=record_id).first()
    if found is None:
        raise ProblemError(404, f"No such {model._meta.verbose_name} in this inspection")
    found.inspection = item
    return found


def _upload(request: HttpRequest, pk: int, import_id: int, rule: str) -> CaseloadImport:
    return belonging(CaseloadImport, request, pk, import_id, rule)


@router.get(
    "/inspections/{pk}/caseload-imports/{import_id}/",
    response={200: CaseloadImportOut, **ERRORS},
)
def get_caseload_import(request: HttpRequest, pk: Id, import_id: Id) -> Any:
    """An upload as it stands: checked, refused with its problems, importing, imported."""
    return _import_out(caseload.current_state(_upload(request, pk, import_id, "caseload.view")))


@router.post(
    "/inspections/{pk}/caseload-imports/{import_id}/confirm/",
    response={200: CaseloadImportOut, **ERRORS},
)
def confirm_caseload_import(request: HttpRequest, pk: Id, import_id: Id) -> Any:
    """Import a checked upload: all its rows or none (a large one in the background: read it
    again until it says imported)."""
    upload = _upload(request, pk, import_id, "caseload.import")
    caseload.confirm_import(user_of(request), upload)
    upload.refresh_from_db()
    return _import_out(upload)


JUDGEMENT = "/inspections/{pk}/judgements/{standard_id}/"


def _judgement(request: HttpRequest, pk: int, standard_id: str, rule: str) -> tuple[Any, Any]:
    item = inspection(request, pk, rule)
    framework = item.framework
    if not framework.has_standard(standard_id) or (
        framework.standard(standard_id).basis is not Basis.JUDGEMENT
    ):
        raise ProblemError(404, "No such judgement standard in this framework")
    return item, JudgementRating.objects.filter(inspection=item, standard_id=standard_id).first()


def _judgement_out(standard_id: str, held: Any) -> dict[str, Any]:
    return {
        "standard_id": standard_id,
        "rating": held.rating if held else None,
        "reasons": held.reasons if held else "",
        "not_rated_reason": held.not_rated_reason if held else "",
        "version": held.version if held else 0,
    }


def _judgement_tag(item: Inspection, standard_id: str, version: int) -> str:
    return f'"ratings.judgementrating-{item.pk}-{standard_id}-v{version}"'


@router.get(JUDGEMENT, response={200: JudgementOut, **ERRORS})
def get_judgement(request: HttpRequest, response: HttpResponse, pk: Id, standard_id: str) -> Any:
    """The team's rating of a judgement standard, with its ``ETag``."""
    item, held = _judgement(request, pk, standard_id, "judgement.view")
    response["ETag"] = _judgement_tag(item, standard_id, held.version if held else 0)
    return _judgement_out(standard_id, held)


@router.put(JUDGEMENT, response={200: JudgementOut, **ERRORS})
def record_judgement(
    request: HttpRequest,
    response: HttpResponse,
    pk: Id,
    standard_id: str,
    given: JudgementIn,
    if_match: HeaderEx[str | None, P(alias="If-Match")] = None,
) -> Any:
    """Record the rating with its written reasons (or "not_rated" with one of the framework's
    reasons). Needs ``If-Match``: a rating changed since you read it is never overwritten."""
    item, held = _judgement(request, pk, standard_id, "judgement.record")
    version = held.version if held else 0
    require_tag(_judgement_tag(item, standard_id, version), if_match)
    saved = ratings.record_judgement(
        user_of(request),
        item,
        standard_id,
        rating=given.rating,
        reasons=given.reasons,
        version=version,
        not_rated_reason=given.not_rated_reason,
    )
    response["ETag"] = _judgement_tag(item, standard_id, saved.version)
    return _judgement_out(standard_id, saved)


@router.get("/inspections/{pk}/ratings/", response={200: Ratings, **ERRORS})
def get_ratings(request: HttpRequest, pk: Id) -> Any:
    """The ratings in English or Welsh (``Accept-Language: cy``)."""
    item = inspection(request, pk, "ratings.view")
    return {
        "framework": item.framework_id,
        "published": item.is_published,
        "ratings": shown_ratings(item, language(request)),
    }


@router.get("/inspections/{pk}/alerts/", response={200: list[AlertOut], **ERRORS})
@paginate(PageNumberPagination, page_size=50)
def list_alerts(request: HttpRequest, pk: Id) -> Any:
    """The case alerts you may see (the service sees those sent to it)."""
    item = inspection(request, pk, "alerts.view")
    user = user_of(request)
    alerts = CaseAlert.objects.filter(inspection=item).prefetch_related("cases__case")
    return [
        _alert_out(a) for a in alerts.order_by("number") if permissions.may(user, "alert.view", a)
    ]


def _alert_out(alert: CaseAlert) -> dict[str, Any]:
    return {
        "id": alert.pk,
        "number": alert.number,
        "kind": alert.kind,
        "severity": alert.severity,
        "state": alert.state,
        "themes": list(alert.themes),
        "found": alert.found,
        "raised_at": alert.raised_at,
        "confirmed_at": alert.confirmed_at,
        "response_due": alert.response_due,
        "closed_at": alert.closed_at,
        "cases": [c.case.case_ref for c in alert.cases.all()],
    }


@router.get("/inspections/{pk}/alerts/{alert_id}/", response={200: AlertDetailOut, **ERRORS})
def get_alert(request: HttpRequest, response: HttpResponse, pk: Id, alert_id: Id) -> Any:
    """An alert with its urgent action plan's actions, and its ``ETag``."""
    alert = belonging(CaseAlert, request, pk, alert_id, "alerts.view")
    response["ETag"] = etag_of(alert)
    if not permissions.may(user_of(request), "alert.view", alert):
        raise ProblemError(404, "No such case alert in this inspection")
    return {
        **_alert_out(alert),
        "actions": [
            {"number": a.number, "text": a.text, "owner": a.owner, "due": a.due, "status": a.status}
            for a in alert.actions.order_by("number")
        ],
    }


def _alert_to_answer(request: HttpRequest, pk: int, alert_id: int) -> CaseAlert:
    alert = belonging(CaseAlert, request, pk, alert_id, "alerts.view")
    if not permissions.may(user_of(request), "alert.view", alert):
        raise ProblemError(404, "No such case alert in this inspection")
    if not permissions.may(user_of(request), "alert.respond", alert):
        raise ProblemError(403, "Only the service's manager (or the person named) answers an alert")
    return alert


@router.post(
    "/inspections/{pk}/alerts/{alert_id}/actions/", response={201: UrgentActionOut, **ERRORS}
)
def add_urgent_action(request: HttpRequest, pk: Id, alert_id: Id, given: UrgentActionIn) -> Any:
    """The service adds an action to its urgent action plan (while it is being written)."""
    alert = _alert_to_answer(request, pk, alert_id)
    made = alerts.add_action(
        user_of(request), alert, text=given.text, owner=given.owner, due=given.due
    )
    return Status(201, made)


@router.post("/inspections/{pk}/alerts/{alert_id}/plan/", response={200: AlertDetailOut, **ERRORS})
def send_urgent_plan(
    request: HttpRequest,
    response: HttpResponse,
    pk: Id,
    alert_id: Id,
    given: PlanIn,
    if_match: HeaderEx[str | None, P(alias="If-Match")] = None,
) -> Any:
    """The service sends its urgent action plan to the lead. Needs ``If-Match`` with the
    alert's ``ETag`` (from reading the alert)."""
    alert = _alert_to_answer(request, pk, alert_id)
    version = require_match(alert, if_match)
    alerts.send_plan(user_of(request), alert, given.summary, version=version)
    alert.refresh_from_db()
    response["ETag"] = etag_of(alert)
    return get_alert(request, response, pk, alert_id)


@router.post("/inspections/{pk}/findings/", response={201: FindingOut, **ERRORS})
def add_finding(request: HttpRequest, pk: Id, given: FindingIn) -> Any:
    """A strength or area for improvement about a standard (the team, while findings are
    written)."""
    item = inspection(request, pk, "findings.write")
    made = findings.add_finding(
        user_of(request),
        item,
        given.standard_id,
        kind=given.kind,
        text=given.text,
        text_cy=given.text_cy,
        key_questions=given.key_questions,
        evidence=[],
    )
    return Status(201, made)


@router.get("/inspections/{pk}/findings/", response={200: list[FindingOut], **ERRORS})
@paginate(PageNumberPagination, page_size=100)
def list_findings(request: HttpRequest, pk: Id) -> Any:
    item = inspection(request, pk, "findings.view")
    return list(Finding.objects.filter(inspection=item).order_by("standard_id", "position", "pk"))


@router.get("/inspections/{pk}/recommendations/", response={200: list[RecommendationOut], **ERRORS})
@paginate(PageNumberPagination, page_size=100)
def list_recommendations(request: HttpRequest, pk: Id) -> Any:
    item = inspection(request, pk, "findings.view")
    return list(Recommendation.objects.filter(inspection=item).order_by("number"))


@router.post("/inspections/{pk}/recommendations/", response={201: RecommendationOut, **ERRORS})
def add_recommendation(request: HttpRequest, pk: Id, given: RecommendationIn) -> Any:
    """A recommendation to a named body, following from standards (the lead)."""
    item = inspection(request, pk, "recommendations.write")
    made = findings.add_recommendation(
        user_of(request),
        item,
        body=given.body,
        body_name=given.body_name,
        text=given.text,
        text_cy=given.text_cy,
        standards=given.standards,
    )
    return Status(201, made)


@router.post("/inspections/{pk}/victims/", response={200: VictimsListOut, **ERRORS})
def replace_victims_list(request: HttpRequest, pk: Id, file: File[UploadedFile]) -> Any:
    """The 2025 victims list (CSV or XLSX; no names): it replaces the list, all rows or none,
    until the victims' sample is drawn."""
    item = inspection(request, pk, "caseload.import")
    count = victims.import_victims(user_of(request), item, file.name or "", file)
    return {"victims": count}


@router.get(
    "/inspections/{pk}/improvement-actions/",
    response={200: list[ImprovementActionOut], **ERRORS},
)
@paginate(PageNumberPagination, page_size=100)
def list_actions(request: HttpRequest, pk: Id) -> Any:
    item = inspection(request, pk, "plan.view")
    return list(plans.actions_of(item))


def _action(request: HttpRequest, pk: Id, action_id: Id, rule: str) -> ImprovementAction:
    return belonging(ImprovementAction, request, pk, action_id, rule)


@router.get(
    "/inspections/{pk}/improvement-actions/{action_id}/",
    response={200: ImprovementActionOut, **ERRORS},
)
def get_action(request: HttpRequest, response: HttpResponse, pk: Id, action_id: Id) -> Any:
    """One action, with its ``ETag``: send it back as ``If-Match`` to change the action."""
    action = _action(request, pk, action_id, "plan.view")
    response["ETag"] = etag_of(action)
    return action


@router.patch(
    "/inspections/{pk}/improvement-actions/{action_id}/",
    response={200: ImprovementActionOut, **ERRORS},
)
def update_action(
    request: HttpRequest,
    response: HttpResponse,
    pk: Id,
    action_id: Id,
    changes: ImprovementActionPatch,
    if_match: HeaderEx[str | None, P(alias="If-Match")] = None,
) -> Any:
    """Change an action's status or evidence. Needs ``If-Match`` with the ETag you read: if
    someone changed the action since, nothing is saved (412)."""
    action = _action(request, pk, action_id, "plan.edit")
    version = require_match(action, if_match)
    updated = plans.update_action(
        user_of(request),
        action,
        status=changes.status if changes.status is not None else action.status,
        evidence=changes.evidence if changes.evidence is not None else action.evidence,
        version=version,
    )
    response["ETag"] = etag_of(updated)
    return updated
