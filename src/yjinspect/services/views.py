"""Pages for services: list, add and change, management board."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from yjinspect.accounts.permissions import may, require
from yjinspect.accounts.roles import signed_in
from yjinspect.converters import posted_id
from yjinspect.forms import add_errors

from . import services
from .forms import (
    BoardMemberForm,
    PartnerContactForm,
    ServiceChangeForm,
    ServiceForm,
    ServicePersonForm,
)
from .models import YouthJusticeService


@login_required
def service_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "services.view")
    visible = [s for s in YouthJusticeService.objects.all() if may(request.user, "service.view", s)]
    return render(
        request,
        "services/list.html",
        {
            "services": visible,
            "is_admin": may(request.user, "services.change"),
            "section": "services",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def service_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    require(request.user, "services.change")
    service = get_object_or_404(YouthJusticeService, pk=pk) if pk else None
    form = ServiceForm(request.POST or None, instance=service)
    if request.method == "POST" and form.is_valid():
        saved = services.save_service(signed_in(request), form)
        messages.success(request, _("Service saved"))
        return redirect("services:detail", saved.pk)
    return render(
        request,
        "services/edit.html",
        {
            "form": form,
            "service": service,
            "section": "services",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def service_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The service, its people and its management board; the admin adds to both here."""
    service = get_object_or_404(YouthJusticeService, pk=pk)
    if not may(request.user, "service.view", service):
        raise Http404(_("No such service"))
    which = request.POST.get("form", "board") if request.method == "POST" else ""
    board_form = BoardMemberForm(request.POST if which == "board" else None)
    person_form = ServicePersonForm(request.POST if which == "person" else None, prefix="person")
    contact_form = PartnerContactForm(
        request.POST if which == "contact" else None, prefix="contact"
    )
    change_form = ServiceChangeForm(
        request.POST if which == "predecessor" else None, prefix="change", service=service
    )
    user = signed_in(request)
    if which == "remove":
        person = get_object_or_404(User, pk=posted_id(request.POST, "person"))
        services.remove_person(user, service, person)
        messages.success(request, _("%(name)s can no longer sign in") % {"name": person})
        return redirect("services:detail", pk)
    if which == "remove_contact":
        services.remove_contact(user, service, posted_id(request.POST, "contact"))
        messages.success(request, _("Contact removed"))
        return redirect("services:detail", pk)
    if which == "contact" and contact_form.is_valid():
        contact = services.add_contact(user, service, contact_form)
        messages.success(request, _("%(name)s added as a partner contact") % {"name": contact.name})
        return redirect("services:detail", pk)
    if which == "predecessor" and change_form.is_valid():
        try:
            services.add_predecessor(user, service, **change_form.cleaned_data)
        except ValidationError as error:
            add_errors(change_form, error)
        else:
            messages.success(request, _("Earlier service recorded"))
            return redirect("services:detail", pk)
    if which == "board" and board_form.is_valid():
        services.add_board_member(user, service, board_form)
        messages.success(request, _("Board member added"))
        return redirect("services:detail", pk)
    if which == "person" and person_form.is_valid():
        try:
            person = services.add_person(user, service, **person_form.cleaned_data)
        except ValidationError as error:
            add_errors(person_form, error)
        else:
            messages.success(
                request,
                _("%(name)s added; a link to choose a password was e-mailed to %(email)s")
                % {"name": person.get_username(), "email": person.email},
            )
            return redirect("services:detail", pk)
    return render(
        request,
        "services/detail.html",
        {
            "service": service,
            "board": service.board_members.all(),
            "people": services.people_of(service),
            "form": board_form,
            "person_form": person_form,
            "contact_form": contact_form,
            "contacts": service.partner_contacts.all(),
            "change_form": change_form,
            "predecessors": service.predecessor_links.select_related("predecessor"),
            "successors": service.successor_links.select_related("successor"),
            "error_form": {
                "person": person_form,
                "contact": contact_form,
                "predecessor": change_form,
            }.get(which, board_form),
            "may_change_contacts": may(request.user, "service.contacts.change", service),
            "is_admin": may(request.user, "services.change"),
            "section": "services",
        },
    )
