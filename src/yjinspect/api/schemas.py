"""What the API sends and takes: plain, typed records (never a model's every field; never a
child's name or date of birth, which the product does not hold)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ninja import Schema
from pydantic import Field


class ServiceOut(Schema):
    id: int
    name: str
    nation: str
    local_authorities: list[str]


class FrameworkSummary(Schema):
    id: str
    title_en: str
    title_cy: str
    in_force_from: date
    in_force_to: date | None
    purpose: str


class InspectionOut(Schema):
    id: int
    service_id: int
    service_name: str
    framework_id: str
    fieldwork_start: date
    fieldwork_end: date
    status: str
    published: bool


class SampledCaseOut(Schema):
    id: int
    case_ref: str
    populations: list[str]
    stratum: str
    assessor: str | None
    second_assessor: str | None
    for_moderation: bool
    replaced_reason: str


class AnswerOut(Schema):
    key_question_id: str
    value: str
    evidence: str


class AssessmentOut(Schema):
    id: int
    sampled_case_id: int
    case_ref: str
    standard_id: str
    kind: str
    state: str
    assessor: str
    answers: list[AnswerOut]


class EvidenceOut(Schema):
    id: int
    standard_id: str
    key_question_id: str  # empty when the evidence is about the standard as a whole
    source: str
    summary: str
    at: datetime


class AlertOut(Schema):
    id: int
    number: int
    kind: str
    severity: str
    state: str
    themes: list[str]
    found: str
    raised_at: datetime
    confirmed_at: datetime | None
    response_due: datetime | None
    closed_at: datetime | None
    cases: list[str]


class FindingOut(Schema):
    id: int
    standard_id: str
    kind: str
    text: str
    text_cy: str
    key_questions: list[str]


class RecommendationOut(Schema):
    id: int
    number: int
    body: str
    body_name: str
    text: str
    text_cy: str
    standards: list[str]


class ImprovementActionOut(Schema):
    id: int
    recommendation_id: int
    action: str
    owner: str
    due: date
    status: str
    evidence: str
    version: int
    updated_at: datetime


class ImprovementActionPatch(Schema):
    status: str | None = None
    evidence: str | None = None


class Ratings(Schema):
    """The ratings as people see them: once published, the published copy; before, live."""

    framework: str
    published: bool
    ratings: dict[str, Any]


class ServiceCaseOut(Schema):
    id: int
    case_ref: str
    disposal: str
    disposal_type: str
    sex: str
    age: int
    ethnicity: str
    rosh: str
    safety_wellbeing: str
    starts_on: date
    ends_on: date | None
    case_manager: str | None
    needs: list[str]


class PostOut(Schema):
    id: int
    title: str
    kind: str
    agency: str
    seconded: bool
    hours_per_week: float
    established_on: date


class EvidenceIn(Schema):
    standard_id: str
    key_question_id: str = ""  # empty: about the standard as a whole
    source: str
    summary: str
    consent_id: int | None = None  # needed for a child's, parent's or victim's view


class CaseloadProblem(Schema):
    column: str
    message: str
    count: int
    rows: list[int]


class CaseloadImportOut(Schema):
    id: int
    file_name: str
    state: str
    rows_total: int
    rows_done: int
    problems: list[CaseloadProblem]


class UrgentActionOut(Schema):
    number: int
    text: str
    owner: str
    due: date
    status: str


class AlertDetailOut(AlertOut):
    actions: list[UrgentActionOut]


class OpenDataStandard(Schema):
    standard_id: str
    title: str
    title_cy: str
    rating: str
    basis: str
    scored: bool
    percent: int | None


class OpenDataInspection(Schema):
    inspection_id: int
    service: str
    nation: str
    local_authorities: list[str]
    framework: str
    framework_title: str
    fieldwork_start: date
    fieldwork_end: date
    published_on: date | None
    score: int | None
    score_max: int | None
    overall: str | None
    standards: list[OpenDataStandard]
    rate_input: dict[str, Any]


class OpenDataRelease(Schema):
    title: str
    version: int
    licence: str
    generated_at: datetime
    schema_: str = Field(alias="schema")
    inspections: list[OpenDataInspection]


class AnswerIn(Schema):
    value: str  # "yes", "no", "na", or "" to leave it unanswered (a draft)
    evidence: str = ""


class AssessmentIn(Schema):
    answers: dict[str, AnswerIn]  # by key question id
    case_manager_present: bool | None = None
    submit: bool = False


class OneAssessmentOut(Schema):
    case_ref: str
    standard_id: str
    kind: str
    state: str  # "not_started", "draft" or "submitted"
    version: int
    case_manager_present: bool | None
    answers: list[AnswerOut]


class NoticeOut(Schema):
    id: int
    case_ref: str
    kind: str
    from_agency: str
    occurred_at: datetime
    received_at: datetime
    seen_at: datetime | None


class InterventionOut(Schema):
    id: int
    name: str
    need: str
    provider: str
    eligibility: str
    active: bool
    referrals: int
    completed: int


class MeasureValueOut(Schema):
    quarter: str
    measure: str
    part: str
    numerator: int
    denominator: int


class UrgentActionIn(Schema):
    text: str
    owner: str
    due: date


class PlanIn(Schema):
    summary: str


class FindingIn(Schema):
    standard_id: str
    kind: str  # "strength" or "improvement"
    text: str
    text_cy: str = ""
    key_questions: list[str] = []


class RecommendationIn(Schema):
    body: str  # the kind of body: see the recommendations page
    body_name: str
    text: str
    text_cy: str = ""
    standards: list[str]


class VictimsListOut(Schema):
    victims: int


class JudgementIn(Schema):
    rating: str  # a level of the framework's scale, or "not_rated"
    reasons: str
    not_rated_reason: str = ""  # one of the framework's reasons, with "not_rated"


class JudgementOut(Schema):
    standard_id: str
    rating: str | None
    reasons: str
    not_rated_reason: str
    version: int
