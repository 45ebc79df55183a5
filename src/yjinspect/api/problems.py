"""Errors as RFC 9457 problem details (``application/problem+json``): every refusal the
service functions and permission rules raise becomes one, with the fields at fault named."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, Throttled
from ninja.errors import ValidationError as NinjaValidationError

from yjinspect.inspections.lifecycle import StageError
from yjinspect.versioning import StaleRecord

PROBLEM = "application/problem+json"
Handler = TypeVar("Handler", bound=Callable[..., HttpResponse])
TITLES = {
    400: "Bad request",
    401: "Not signed in",
    403: "Not allowed",
    404: "Not found",
    405: "Method not allowed",
    409: "Not possible at this stage",
    412: "Changed since you read it",
    422: "Invalid input",
    428: "If-Match needed",
    429: "Too many requests",
}


class FieldError(Schema):
    field: str
    message: str


class Problem(Schema):
    """RFC 9457 problem details."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    errors: list[FieldError] = []


class ProblemError(Exception):
    """A refusal with its status, raised from an endpoint."""

    def __init__(self, status: int, detail: str, errors: list[FieldError] | None = None) -> None:
        super().__init__(detail)
        self.status, self.detail, self.errors = status, detail, errors or []


def problem(
    status: int, detail: str, errors: list[FieldError] | None = None, **headers: str
) -> HttpResponse:
    body = Problem(
        title=TITLES.get(status, "Error"), status=status, detail=detail, errors=errors or []
    )
    response = HttpResponse(body.model_dump_json(), status=status, content_type=PROBLEM)
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def _django_errors(error: DjangoValidationError) -> list[FieldError]:
    if hasattr(error, "error_dict"):
        return [
            FieldError(field=name, message=" ".join(str(m) for e in errors for m in e.messages))
            for name, errors in error.error_dict.items()
        ]
    return []


def install(api: NinjaAPI) -> None:
    """Handlers for every refusal, so nothing reaches the client as a server error or in
    another shape."""

    def handle(kind: type[Exception]) -> Callable[[Handler], Handler]:
        def register(function: Handler) -> Handler:
            api.add_exception_handler(kind, lambda request, exc: function(request, exc))
            return function

        return register

    @handle(ProblemError)
    def _own(request: HttpRequest, exc: ProblemError) -> HttpResponse:
        return problem(exc.status, exc.detail, exc.errors)

    @handle(Http404)
    def _missing(request: HttpRequest, exc: Http404) -> HttpResponse:
        return problem(404, str(exc) or "No such record")

    @handle(PermissionDenied)
    def _refused(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return problem(403, str(exc) or "You do not have permission to do that.")

    @handle(StaleRecord)
    def _stale(request: HttpRequest, exc: StaleRecord) -> HttpResponse:
        return problem(412, " ".join(exc.messages))

    @handle(StageError)
    def _stage(request: HttpRequest, exc: StageError) -> HttpResponse:
        return problem(409, " ".join(exc.messages))

    @handle(DjangoValidationError)
    def _invalid(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        return problem(422, " ".join(exc.messages), _django_errors(exc))

    @handle(NinjaValidationError)
    def _malformed(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        errors = [
            FieldError(
                field=".".join(str(part) for part in error.get("loc", ())),
                message=str(error.get("msg", "")),
            )
            for error in exc.errors
        ]
        return problem(422, "The request has fields that are missing or wrong.", errors)

    @handle(AuthenticationError)
    def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return problem(
            401,
            "Send a current API token: Authorization: Bearer <token>.",
            WWW_Authenticate='Bearer realm="yjinspect"',
        )

    @handle(Throttled)
    def _throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
        wait = str(int(exc.wait or 1))
        return problem(429, f"Too many requests: try again in {wait} seconds.", Retry_After=wait)

    @handle(BadRequest)
    def _bad(request: HttpRequest, exc: Exception) -> HttpResponse:
        return problem(400, "The request could not be read: " + (str(exc) or "malformed"))

    handle(SuspiciousOperation)(_bad)
    handle(MultiPartParserError)(_bad)

    @handle(HttpError)
    def _http(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return problem(exc.status_code, str(exc))
