"""The gate in front of a service's own records (staffing, caseload, supervision): its people
pass; inspectors are refused with the reason; anyone else is told there is no such page."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
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
