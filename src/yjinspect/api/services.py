"""Frameworks (public, as their pages are), services, and a service's own records (its
people only: inspectors see those as an inspection's data in advance)."""

# No "from __future__ import annotations": django-ninja reads the annotations at run time.

from typing import Any

from django.db.models import Count, Q
from django.http import HttpRequest
from ninja import Router
from ninja.pagination import PageNumberPagination, paginate

from yjinspect.accounts.permissions import may, require
from yjinspect.casework.models import ServiceCase
from yjinspect.engine import FrameworkNotFound, get_framework, installed_frameworks
from yjinspect.engine.interchange import framework_json
from yjinspect.interventions.models import Intervention, Referral
from yjinspect.kpis.models import MeasureValue
from yjinspect.safeguarding.models import Notice
from yjinspect.services.models import YouthJusticeService
from yjinspect.services.own_records import service_records
from yjinspect.staffing.models import Post

from .problems import Problem, ProblemError
from .schemas import (
    FrameworkSummary,
    InterventionOut,
    MeasureValueOut,
    NoticeOut,
    PostOut,
    ServiceCaseOut,
    ServiceOut,
)
from .shared import ERRORS, Id, user_of

router = Router(tags=["frameworks and services"])


@router.get("/frameworks/", response={200: list[FrameworkSummary], 429: Problem}, auth=None)
def list_frameworks(request: HttpRequest) -> Any:
    """Every installed framework, oldest first (no token needed)."""
    return [
        {
            "id": f.id,
            "title_en": f.title.en,
            "title_cy": f.title.cy,
            "in_force_from": f.in_force_from,
            "in_force_to": f.in_force_to,
            "purpose": f.purpose,
        }
        for f in installed_frameworks().values()
    ]


@router.get(
    "/frameworks/{framework_id}/",
    response={200: dict[str, Any], 404: Problem, 429: Problem},
    auth=None,
)
def get_framework_structure(request: HttpRequest, framework_id: str) -> Any:
    """A framework's domains, standards and key questions in English and Welsh."""
    try:
        return framework_json(get_framework(framework_id))
    except FrameworkNotFound:
        raise ProblemError(404, f"No framework {framework_id!r}") from None


def _service_out(service: YouthJusticeService) -> dict[str, Any]:
    return {
        "id": service.pk,
        "name": service.name,
        "nation": service.nation,
        "local_authorities": service.local_authority_list,
    }


@router.get("/services/", response={200: list[ServiceOut], **ERRORS})
@paginate(PageNumberPagination, page_size=100)
def list_services(request: HttpRequest) -> Any:
    user = user_of(request)
    require(user, "services.view")
    return [
        _service_out(s)
        for s in YouthJusticeService.objects.order_by("name")
        if may(user, "service.view", s)
    ]


@router.get("/services/{pk}/", response={200: ServiceOut, **ERRORS})
def get_service(request: HttpRequest, pk: Id) -> Any:
    service = YouthJusticeService.objects.filter(pk=pk).first()
    if service is None or not may(user_of(request), "service.view", service):
        raise ProblemError(404, "No such service")
    return _service_out(service)


@router.get("/services/{pk}/cases/", response={200: list[ServiceCaseOut], **ERRORS})
@paginate(PageNumberPagination, page_size=100)
def list_service_cases(request: HttpRequest, pk: Id) -> Any:
    """The service's own caseload (reference and profile; never a name)."""
    service = service_records(request, pk)
    return [
        {
            "id": case.pk,
            "case_ref": case.case_ref,
            "disposal": case.disposal,
            "disposal_type": case.disposal_type,
            "sex": case.sex,
            "age": case.age,
            "ethnicity": case.ethnicity,
            "rosh": case.rosh,
            "safety_wellbeing": case.safety_wellbeing,
            "starts_on": case.starts_on,
            "ends_on": case.ends_on,
            "case_manager": case.case_manager.name if case.case_manager else None,
            "needs": list(case.needs),
        }
        for case in ServiceCase.objects.filter(service=service)
        .select_related("case_manager")
        .order_by("case_ref")
    ]


@router.get("/services/{pk}/posts/", response={200: list[PostOut], **ERRORS})
@paginate(PageNumberPagination, page_size=100)
def list_posts(request: HttpRequest, pk: Id) -> Any:
    """The service's establishment: its posts, their kind and funding or seconding agency."""
    service = service_records(request, pk)
    return list(Post.objects.filter(service=service).order_by("title", "pk"))


@router.get("/services/{pk}/notices/", response={200: list[NoticeOut], **ERRORS})
@paginate(PageNumberPagination, page_size=100)
def list_notices(request: HttpRequest, pk: Id) -> Any:
    """Notices about the service's children (missing episodes, arrests): when each happened,
    reached the service and was seen by the case manager. No summary text: it may name people."""
    service = service_records(request, pk)
    return [
        {
            "id": notice.pk,
            "case_ref": notice.case.case_ref,
            "kind": notice.kind,
            "from_agency": notice.from_agency,
            "occurred_at": notice.occurred_at,
            "received_at": notice.received_at,
            "seen_at": notice.seen_at,
        }
        for notice in Notice.objects.filter(case__service=service)
        .select_related("case")
        .order_by("-received_at", "-pk")
    ]


@router.get("/services/{pk}/interventions/", response={200: list[InterventionOut], **ERRORS})
@paginate(PageNumberPagination, page_size=100)
def list_interventions(request: HttpRequest, pk: Id) -> Any:
    """The interventions register, with how many referrals each had and how many completed."""
    service = service_records(request, pk)
    return [
        {**_fields(i), "referrals": i.referral_count, "completed": i.completed}
        for i in Intervention.objects.filter(service=service)
        .annotate(
            referral_count=Count("referrals"),
            completed=Count("referrals", filter=Q(referrals__outcome=Referral.Outcome.COMPLETED)),
        )
        .order_by("name", "pk")
    ]


def _fields(intervention: Intervention) -> dict[str, Any]:
    return {
        "id": intervention.pk,
        "name": intervention.name,
        "need": intervention.need,
        "provider": intervention.provider,
        "eligibility": intervention.eligibility,
        "active": intervention.active,
    }


@router.get("/services/{pk}/kpis/", response={200: list[MeasureValueOut], **ERRORS})
@paginate(PageNumberPagination, page_size=200)
def list_kpis(request: HttpRequest, pk: Id) -> Any:
    """The KPI returns held: numerator and denominator per quarter, measure and part."""
    service = service_records(request, pk)
    return list(
        MeasureValue.objects.filter(service=service).order_by("-quarter", "measure", "part")
    )
