"""The subject-access page: for an inspectorate admin, everything held about one case
reference at a service, shown and downloadable as JSON (the export is audited)."""

from __future__ import annotations

import json

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from yjinspect.accounts.permissions import require
from yjinspect.accounts.roles import signed_in
from yjinspect.services.models import YouthJusticeService

from .forms import SubjectAccessForm
from .subject_access import gather


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def subject_access(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "records.subject_access")
    service = get_object_or_404(YouthJusticeService, pk=pk)
    form = SubjectAccessForm(request.POST or None)
    held = None
    if request.method == "POST" and form.is_valid():
        held = gather(signed_in(request), service, form.cleaned_data["case_ref"])
        if "download" in request.POST:
            response = HttpResponse(
                json.dumps(held, ensure_ascii=False, indent=2),
                content_type="application/json",
            )
            response["Content-Disposition"] = 'attachment; filename="subject-access.json"'
            return response
    return render(
        request,
        "records/subject_access.html",
        {
            "service": service,
            "form": form,
            "held": held,
            "held_json": json.dumps(held, ensure_ascii=False, indent=2) if held else "",
            "section": "services",
        },
    )
