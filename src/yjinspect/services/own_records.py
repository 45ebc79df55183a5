"""The gate in front of a service's own records (staffing, caseload, supervision): its people
pass; inspectors are refused with the reason; anyone else is told there is no such page."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from yjinspect.accounts.permissions import is_inspecting, may

from .models import YouthJusticeService


def service_records(request: HttpRequest, pk: int) -> YouthJusticeService:
    service = get_object_or_404(YouthJusticeService, pk=pk)
    if may(request.user, "service.records.view", service):
        return service
    if is_inspecting(request.user):
        raise PermissionDenied(
            _(
                "A service's own records are shared with inspectors only as an inspection's "
                "data in advance."
            )
        )
    raise Http404(_("No such service"))


def render_own(
    request: HttpRequest, service: YouthJusticeService, template: str, context: dict[str, Any]
) -> HttpResponse:
    """A page of the service's own records: the service, the menu section, and whether this
    person may change the records (the page offers forms only then)."""
    return render(
        request,
        template,
        {
            "service": service,
            "section": "services",
            "may_change": may(request.user, "service.records.change", service),
            **context,
        },
    )
