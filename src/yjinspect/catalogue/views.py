"""Thin views over the engine's framework registry."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from yjinspect.engine import FrameworkNotFound, get_framework, installed_frameworks


def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "catalogue/home.html",
        {"frameworks": list(installed_frameworks().values())},
    )


def framework_detail(request: HttpRequest, framework_id: str) -> HttpResponse:
    try:
        framework = get_framework(framework_id)
    except FrameworkNotFound:
        raise Http404(f"No framework '{framework_id}'") from None
    return render(request, "catalogue/framework.html", {"framework": framework})


@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """For load balancers: the app answers. (Also the benchmarks' baseline page.)"""
    return HttpResponse("ok", content_type="text/plain")
