"""The API's documentation as a page of ours: every operation from the OpenAPI schema, its
parameters and answers, readable without a script or anything fetched from elsewhere."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .main import api


def operations() -> list[dict[str, Any]]:
    schema = api.get_openapi_schema(path_prefix="/api")
    found = []
    for path, by_method in schema["paths"].items():
        for method, operation in by_method.items():
            found.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "tag": (operation.get("tags") or [""])[0],
                    "parameters": [
                        {
                            "name": p["name"],
                            "in": p["in"],
                            "required": p.get("required", False),
                        }
                        for p in operation.get("parameters", [])
                    ],
                    "body": "requestBody" in operation,
                    "responses": sorted(operation.get("responses", {})),
                    "secured": bool(operation.get("security")),
                }
            )
    return found


@require_GET
def documentation(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "api/docs.html",
        {"operations": operations(), "section": "api", "schema_url": "/api/schema/"},
    )
