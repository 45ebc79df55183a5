"""The board data pack as a page and as a PDF, for a quarter and a language."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from yjinspect.accounts.roles import signed_in
from yjinspect.audit.services import record
from yjinspect.content_policy import inline_sources
from yjinspect.engine.framework import DATA_IN_ADVANCE
from yjinspect.inspections import lifecycle, permissions
from yjinspect.quarters import Quarter
from yjinspect.services.own_records import service_records

from . import pack as board_pack
from . import snapshot
from .forms import PackForm
from .models import DataInAdvance


def _pack_from(request: HttpRequest, pk: int) -> board_pack.BoardPack:
    service = service_records(request, pk)
    # Without a choice: the last whole quarter, in the language of the page.
    form = PackForm(
        {
            "quarter": request.GET.get("quarter")
            or str(Quarter.containing(timezone.localdate()).previous()),
            "language": request.GET.get("language")
            or ("cy" if (get_language() or "").startswith("cy") else "en"),
        }
    )
    if not form.is_valid():
        raise ValidationError([e for errors in form.errors.values() for e in errors])
    return board_pack.build(
        service, Quarter.parse(form.cleaned_data["quarter"]), form.cleaned_data["language"]
    )


@login_required
@never_cache  # the service's own records: no copy kept by the browser or anything between
@require_GET
def pack(request: HttpRequest, pk: int) -> HttpResponse:
    """The pack as a web page (the same document as the PDF)."""
    built = _pack_from(request, pk)
    record(
        signed_in(request),
        "board.pack_viewed",
        built.service,
        quarter=str(built.quarter),
        language=built.language,
    )
    html = board_pack.render_html(built)
    response = HttpResponse(html)
    # One self-contained document, like the report: its own <style> is allowed by hash.
    response._csp_update = {"style-src": inline_sources(html, "style")}  # type: ignore[attr-defined]
    return response


@login_required
@never_cache
@require_GET
def pack_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    built = _pack_from(request, pk)
    record(
        signed_in(request),
        "board.pack_downloaded",
        built.service,
        quarter=str(built.quarter),
        language=built.language,
    )
    response = HttpResponse(board_pack.render_pdf(built), content_type="application/pdf")
    name = f"board-pack-{built.quarter}-{built.language}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def data_in_advance(request: HttpRequest, pk: int) -> HttpResponse:
    """The service's records as the inspection took them at announcement, for the team and
    the service alike; the lead may take them again until the sample is drawn."""
    inspection = permissions.inspection_for(request, pk, "inspection.view")
    if request.method == "POST":
        try:
            snapshot.retake(signed_in(request), inspection)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The data in advance was taken again from the records"))
        return redirect("data_in_advance:data_in_advance", pk)
    taken = DataInAdvance.objects.filter(inspection=inspection).first()
    return render(
        request,
        "boardpack/data_in_advance.html",
        {
            "inspection": inspection,
            "taken": taken,
            "sections": DATA_IN_ADVANCE,
            "lang": "cy" if (get_language() or "").startswith("cy") else "en",
            "may_retake": permissions.may(request.user, "inspection.lead", inspection)
            and lifecycle.allows(inspection, lifecycle.Operation.TAKE_DATA_IN_ADVANCE),
            "section": "inspections",
        },
    )
