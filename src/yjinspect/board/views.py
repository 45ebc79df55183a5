"""Pages of the board: members' responsibilities, meetings and attendance; the data pack."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from yjinspect.accounts.permissions import may
from yjinspect.accounts.roles import signed_in
from yjinspect.audit.services import record
from yjinspect.content_policy import inline_sources
from yjinspect.converters import posted_id
from yjinspect.services.own_records import service_records
from yjinspect.staffing.views import handled

from . import pack as board_pack
from . import services
from .forms import MeetingForm, PackForm, ResponsibilitiesForm
from .quarters import Quarter


@login_required
@require_http_methods(["GET", "POST"])
def board(request: HttpRequest, pk: int) -> HttpResponse:
    service = service_records(request, pk)
    which = request.POST.get("form") if request.method == "POST" else None
    meeting_form = MeetingForm(
        request.POST if which == "meeting" else None, prefix="meeting", service=service
    )
    duties_form = ResponsibilitiesForm(request.POST if which == "duties" else None, prefix="duties")
    user = signed_in(request)
    if which == "meeting" and handled(
        meeting_form,
        lambda: services.record_meeting(
            user,
            service,
            held_on=meeting_form.cleaned_data["held_on"],
            present=list(meeting_form.cleaned_data["present"]),
        ),
        request,
        _("Meeting recorded"),
    ):
        return redirect("board:board", pk)
    if which == "duties":
        member = get_object_or_404(service.board_members, pk=posted_id(request.POST, "member"))
        if handled(
            duties_form,
            lambda: services.write_responsibilities(
                user, member, duties_form.cleaned_data["responsibilities"]
            ),
            request,
            _("Responsibilities saved"),
        ):
            return redirect("board:board", pk)
    year_ago = timezone.localdate() - timedelta(days=365)
    rates = services.attendance_rates(service, year_ago, timezone.localdate())
    return render(
        request,
        "board/board.html",
        {
            "service": service,
            "members": [(m, rates.get(m.pk, (0, 0))) for m in service.board_members.all()],
            "meetings": service.board_meetings.prefetch_related("attendance__member")[:12],
            "meeting_form": meeting_form,
            "duties_form": duties_form,
            "pack_form": PackForm(),
            "which": which,
            "may_change": may(request.user, "service.records.change", service),
            "section": "services",
        },
    )


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
