"""The consents page: record consent, withdraw it (which removes the evidence relying on it)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from yjinspect.accounts.roles import signed_in
from yjinspect.converters import posted_id
from yjinspect.inspections import permissions

from . import services
from .forms import ConsentForm
from .models import Consent


@login_required
@require_http_methods(["GET", "POST"])
def consents_page(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = permissions.inspection_for(request, pk, "consents.view")
    form = ConsentForm(request.POST if "reference" in request.POST else None)
    if request.method == "POST":
        user = signed_in(request)
        if "withdraw" in request.POST:
            # A refusal goes back to the page as a message (yjinspect.middleware).
            removed = services.withdraw_consent(
                user, inspection, posted_id(request.POST, "withdraw")
            )
            messages.success(
                request, _("Consent withdrawn; %(n)s evidence items removed") % {"n": removed}
            )
            return redirect("fieldwork:consents", pk)
        try:
            if form.is_valid():
                services.record_consent(user, inspection, **form.cleaned_data)
                messages.success(request, _("Consent recorded"))
                return redirect("fieldwork:consents", pk)
        except ValidationError as error:
            form.add_error(None, error)
    consents = Consent.objects.filter(inspection=inspection).annotate(items=Count("evidence"))
    return render(
        request,
        "fieldwork/consents.html",
        {
            "inspection": inspection,
            "form": form,
            "consents": consents,
            "section": "inspections",
            "can_record": permissions.may(request.user, "consents.record", inspection),
        },
    )
