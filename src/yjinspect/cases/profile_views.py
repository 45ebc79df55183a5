"""The page of a service's column profiles: the saved ones and the shipped examples, each as
the lines it is written in; the lead adds or changes one (starting from another if wished)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from yjinspect.accounts.roles import signed_in
from yjinspect.forms import add_errors
from yjinspect.inspections import permissions

from . import profiles
from .forms import CaseloadProfileForm


@login_required
@require_http_methods(["GET", "POST"])
def profiles_page(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = permissions.inspection_for(request, pk, "caseload.import")
    initial = {}
    start = request.GET.get("start", "")
    if start:
        try:
            mapping = profiles.chosen(inspection, start)
        except ValidationError:
            mapping = None
        if mapping is not None:
            columns, codes = profiles.as_lines(mapping)
            initial = {
                "name": mapping.name.replace(" (example)", ""),
                "columns": columns,
                "codes": codes,
            }
    form = CaseloadProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = profiles.save(signed_in(request), inspection, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Profile %(name)s saved") % {"name": saved.name})
            return redirect("cases:profiles", pk)
    return render(
        request,
        "cases/profiles.html",
        {
            "inspection": inspection,
            "form": form,
            "profiles": profiles.shown(inspection),
            "section": "inspections",
        },
    )
