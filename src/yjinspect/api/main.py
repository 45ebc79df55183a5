"""The API: one NinjaAPI under /api/, token-authenticated and rate-limited, its errors problem
details, its OpenAPI 3.1 schema at /api/schema/ and its documentation at /api/docs/ (a page of
ours, served offline, with no script).

Why django-ninja rather than Django REST Framework with drf-spectacular: its schemas are typed
pydantic models that sit naturally beside the engine's typed core and our service functions
(no serializer layer to keep in step with the models), and it writes OpenAPI 3.1 itself;
throttling and pagination come with it."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from ninja import NinjaAPI
from ninja.throttling import UserRateThrottle

from . import inspections, opendata, problems, services
from .auth import TokenAuth


class Api(NinjaAPI):
    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        """Refusals are sent as ``application/problem+json``: the schema says so."""
        schema = super().get_openapi_schema(*args, **kwargs)
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                for status, response in operation.get("responses", {}).items():
                    content = response.get("content", {})
                    if str(status).startswith(("4", "5")) and "application/json" in content:
                        content[problems.PROBLEM] = content.pop("application/json")
        return schema


api = Api(
    title="yjinspect API",
    version="1",
    description=(
        "Inspections of youth justice services and the services' own records, with the "
        "same permissions as the pages. Send Authorization: Bearer <token> (made on your "
        "account's API tokens page)."
    ),
    urls_namespace="api",
    openapi_url="/schema/",
    docs_url=None,
    auth=TokenAuth(),
    throttle=[UserRateThrottle(settings.YJ_API_RATE)],
)
problems.install(api)
api.add_router("", services.router)
api.add_router("", inspections.router)
api.add_router("", opendata.router)
