"""Pages of the service's staffing: the establishment with its flags, a post, a person."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from yjinspect.accounts.roles import signed_in
from yjinspect.converters import posted_id
from yjinspect.engine.policy import service_policy
from yjinspect.forms import add_errors
from yjinspect.services.own_records import render_own, service_records

from . import flags, services
from .forms import (
    AbsenceForm,
    AppointmentForm,
    EndForm,
    PostForm,
    StaffChangeForm,
    StaffMemberForm,
    SupervisionForm,
    TrainingForm,
    skill_names,
)
from .models import Post, PostKind, StaffMember


def handled(
    form: forms.BaseForm, action: Callable[[], Any], request: HttpRequest, done: str
) -> bool:
    """Run a service operation for a valid form; its refusal shows on the form."""
    if not form.is_valid():
        return False
    try:
        action()
    except ValidationError as error:
        add_errors(form, error)
        return False
    messages.success(request, done)
    return True


@login_required
@require_http_methods(["GET", "POST"])
def overview(request: HttpRequest, pk: int) -> HttpResponse:
    service = service_records(request, pk)
    policy = service_policy()
    today = timezone.localdate()
    which = request.POST.get("form") if request.method == "POST" else None
    post_form = PostForm(request.POST if which == "post" else None, prefix="post")
    person_form = StaffMemberForm(
        request.POST if which == "person" else None, prefix="person", service=service
    )
    user = signed_in(request)
    if which == "post" and handled(
        post_form,
        lambda: services.add_post(user, service, **post_form.cleaned_data),
        request,
        _("Post added"),
    ):
        return redirect("staffing:overview", pk)
    if which == "person" and handled(
        person_form,
        lambda: services.add_staff_member(user, service, **person_form.cleaned_data),
        request,
        _("Person added"),
    ):
        return redirect("staffing:overview", pk)
    states = flags.post_states(service, today, policy)
    by_manager = flags.supervision(service, today, policy)
    all_flags = (
        [f for state in states for f in state.flags]
        + flags.missing_secondments(states, policy)
        + flags.supervision_flags(by_manager)
        + flags.induction_flags(service, today, policy)
    )
    return render_own(
        request,
        service,
        "staffing/overview.html",
        {
            "today": today,
            "policy": policy,
            "secondments": [str(PostKind(k).label).lower() for k in policy.statutory_secondments],
            "states": states,
            "flags": all_flags,
            "by_manager": by_manager,
            "people": StaffMember.objects.filter(service=service)
            .exclude(left_on__lte=today)
            .select_related("line_manager"),
            "post_form": post_form,
            "person_form": person_form,
            "which": which,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def post_detail(request: HttpRequest, pk: int, post: int) -> HttpResponse:
    service = service_records(request, pk)
    the_post = get_object_or_404(Post, pk=post, service=service)
    which = request.POST.get("form") if request.method == "POST" else None
    appoint_form = AppointmentForm(
        request.POST if which == "appoint" else None, prefix="appoint", service=service
    )
    end_form = EndForm(request.POST if which in ("end", "close") else None, prefix="end")
    user = signed_in(request)
    if which == "appoint" and handled(
        appoint_form,
        lambda: services.appoint(user, the_post, **appoint_form.cleaned_data),
        request,
        _("Appointment recorded"),
    ):
        return redirect("staffing:post", pk, post)
    if which == "end":
        appointment = get_object_or_404(
            the_post.appointments, pk=posted_id(request.POST, "appointment")
        )
        if handled(
            end_form,
            lambda: services.end_appointment(user, appointment, end_form.cleaned_data["ends_on"]),
            request,
            _("Appointment ended"),
        ):
            return redirect("staffing:post", pk, post)
    if which == "close" and handled(
        end_form,
        lambda: services.close_post(user, the_post, end_form.cleaned_data["ends_on"]),
        request,
        _("Post deleted from the establishment"),
    ):
        return redirect("staffing:overview", pk)
    state = next(
        (
            s
            for s in flags.post_states(service, timezone.localdate(), service_policy())
            if s.post.pk == the_post.pk
        ),
        None,
    )
    return render_own(
        request,
        service,
        "staffing/post.html",
        {
            "post": the_post,
            "state": state,
            "appointments": the_post.appointments.select_related("person"),
            "appoint_form": appoint_form,
            "end_form": end_form,
            "which": which,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_detail(request: HttpRequest, pk: int, person: int) -> HttpResponse:
    service = service_records(request, pk)
    member = get_object_or_404(StaffMember, pk=person, service=service)
    which = request.POST.get("form") if request.method == "POST" else None
    change_form = StaffChangeForm(
        request.POST if which == "change" else None,
        prefix="change",
        service=service,
        initial={
            "line_manager": member.line_manager_id,
            "case_manager": member.case_manager,
            "experience_years": member.experience_years,
            "skills": member.skills,
        },
    )
    training_form = TrainingForm(request.POST if which == "training" else None, prefix="training")
    supervision_form = SupervisionForm(
        request.POST if which == "supervision" else None,
        prefix="supervision",
        service=service,
        initial={"supervisor": member.line_manager_id},
    )
    absence_form = AbsenceForm(request.POST if which == "absence" else None, prefix="absence")
    end_form = EndForm(request.POST if which in ("back", "leave") else None, prefix="end")
    user = signed_in(request)
    actions: dict[str, tuple[forms.BaseForm, Callable[[], Any], str]] = {
        "change": (
            change_form,
            lambda: services.change_staff_member(
                user,
                member,
                **{
                    k: change_form.cleaned_data[k]
                    for k in ("line_manager", "case_manager", "experience_years", "skills")
                },
            ),
            _("Changes saved"),
        ),
        "training": (
            training_form,
            lambda: services.record_training(user, member, **training_form.cleaned_data),
            _("Training recorded"),
        ),
        "supervision": (
            supervision_form,
            lambda: services.record_supervision(user, member, **supervision_form.cleaned_data),
            _("Supervision session recorded"),
        ),
        "absence": (
            absence_form,
            lambda: services.record_absence(user, member, **absence_form.cleaned_data),
            _("Absence recorded"),
        ),
        "back": (
            end_form,
            lambda: services.end_absence(
                user,
                get_object_or_404(member.absences, pk=posted_id(request.POST, "absence")),
                end_form.cleaned_data["ends_on"],
            ),
            _("Return recorded"),
        ),
        "leave": (
            end_form,
            lambda: services.leaves(user, member, end_form.cleaned_data["ends_on"]),
            _("Leaving date recorded"),
        ),
    }
    if which in actions and handled(*actions[which][:2], request, actions[which][2]):
        return redirect("staffing:person", pk, person)
    return render_own(
        request,
        service,
        "staffing/person.html",
        {
            "member": member,
            "skills": skill_names(member.skills),
            "appointments": member.appointments.select_related("post"),
            "training": member.training.all(),
            "supervision": member.supervision.select_related("supervisor"),
            "absences": member.absences.all(),
            "change_form": change_form,
            "training_form": training_form,
            "supervision_form": supervision_form,
            "absence_form": absence_form,
            "end_form": end_form,
            "which": which,
        },
    )
