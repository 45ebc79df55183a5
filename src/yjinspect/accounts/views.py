"""Choosing a language: remembered for the session (Django's view) and, for a person signed
in, on their profile, so notifications and e-mails reach them in it."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from .models import Profile


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    response = django_set_language(request)
    chosen = request.POST.get("language", "")
    if request.user.is_authenticated and chosen in dict(settings.LANGUAGES):
        Profile.objects.filter(user=request.user).update(language=chosen)
    return response
