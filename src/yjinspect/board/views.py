"""The board's page: members' responsibilities, meetings and attendance (and the way to the
data pack, which the boardpack app makes)."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from yjinspect.accounts.roles import signed_in
from yjinspect.converters import posted_id
from yjinspect.quarters import Quarter, recent_quarters
from yjinspect.services.own_records import render_own, service_records
from yjinspect.staffing.views import handled

from . import services
from .forms import MeetingForm, ResponsibilitiesForm


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
    return render_own(
        request,
        service,
        "board/board.html",
        {
            "members": [(m, rates.get(m.pk, (0, 0))) for m in service.board_members.all()],
            "meetings": service.board_meetings.prefetch_related("attendance__member")[:12],
            "meeting_form": meeting_form,
            "duties_form": duties_form,
            "quarters": recent_quarters(),
            "last_quarter": str(Quarter.containing(timezone.localdate()).previous()),
            "which": which,
        },
    )
