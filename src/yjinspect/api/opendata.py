"""The open-data release without a token: published inspections only."""

# No "from __future__ import annotations": django-ninja reads the annotations at run time.

from typing import Any

from django.http import HttpRequest
from ninja import Router

from yjinspect.opendata import release

from .problems import Problem
from .schemas import OpenDataRelease

router = Router(tags=["open data"])


@router.get("/open-data/", response={200: OpenDataRelease, 429: Problem}, auth=None, by_alias=True)
def open_data(request: HttpRequest) -> Any:
    """Every published inspection's ratings as published, with what recomputes them (see
    ``yjinspect verify``). The JSON Schema is at /open-data/schema.json."""
    return release.document()
