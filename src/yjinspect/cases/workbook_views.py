"""Pages of the offline assessment workbook: download it, bring it back, see every change,
apply them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from yjinspect.accounts.roles import signed_in
from yjinspect.context import content_language
from yjinspect.inspections import lifecycle, permissions

from . import workbook
from .forms import WorkbookUploadForm
from .models import WorkbookImport


@login_required
@never_cache  # it holds the person's assessments
@require_GET
def download(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = permissions.inspection_for(request, pk, "cases.view")
    try:
        body = workbook.export(signed_in(request), inspection, content_language())
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("cases:workbook", pk)
    response = HttpResponse(
        body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="assessments-{pk}.xlsx"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def bring_back(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = permissions.inspection_for(request, pk, "cases.view")
    user = signed_in(request)
    form = WorkbookUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["workbook"]
        made = workbook.upload(user, inspection, upload.name, upload)
        return redirect("cases:workbook_import", pk, made.pk)
    return render(
        request,
        "cases/workbook.html",
        {
            "inspection": inspection,
            "form": form,
            "cases": workbook.allocated(user, inspection),
            "may_assess": lifecycle.allows(inspection, lifecycle.Operation.ASSESS),
            "brought": WorkbookImport.objects.filter(inspection=inspection, uploaded_by=user)[:5],
            "section": "inspections",
        },
    )


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def brought_back(request: HttpRequest, pk: int, import_id: int) -> HttpResponse:
    inspection = permissions.inspection_for(request, pk, "cases.view")
    user = signed_in(request)
    brought = get_object_or_404(
        WorkbookImport, pk=import_id, inspection=inspection, uploaded_by=user
    )
    if request.method == "POST":
        try:
            saved = workbook.apply(user, brought)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                ngettext(
                    "%(num)s assessment saved from the workbook",
                    "%(num)s assessments saved from the workbook",
                    saved,
                )
                % {"num": saved},
            )
            return redirect("cases:my_cases", pk)
        brought.refresh_from_db()
    return render(
        request,
        "cases/workbook_import.html",
        {"inspection": inspection, "brought": brought, "section": "inspections"},
    )
