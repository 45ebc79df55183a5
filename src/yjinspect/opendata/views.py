"""The open-data release as files anyone may download, without signing in, and its page."""

from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from yjinspect.exports import csv_text

from . import release


def _download(body: str, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_GET
def open_data(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "opendata/open_data.html",
        {
            "columns": release.COLUMNS,
            "count": release.published().count(),
            "licence": release.LICENCE,
            "section": "open_data",
        },
    )


@require_GET
def ratings_json(request: HttpRequest) -> HttpResponse:
    body = json.dumps(release.document(), ensure_ascii=False, indent=1)
    return _download(body, "application/json", "youth-justice-ratings.json")


@require_GET
def ratings_csv(request: HttpRequest) -> HttpResponse:
    header = [name for name, _kind, _meaning in release.COLUMNS]
    return _download(
        csv_text(header, release.rows()), "text/csv; charset=utf-8", "youth-justice-ratings.csv"
    )


@require_GET
def schema_json(request: HttpRequest) -> HttpResponse:
    return HttpResponse(
        json.dumps(release.json_schema(), indent=1), content_type="application/schema+json"
    )


@require_GET
def dictionary_csv(request: HttpRequest) -> HttpResponse:
    return _download(
        csv_text(["column", "type", "meaning"], [(n, k, str(m)) for n, k, m in release.COLUMNS]),
        "text/csv; charset=utf-8",
        "youth-justice-ratings-dictionary.csv",
    )
