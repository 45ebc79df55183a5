"""What every endpoint shares: the refusals it may answer with, who is asking, in which
language."""

from __future__ import annotations

from typing import Annotated, Any, cast

from django.contrib.auth.models import User
from django.http import HttpRequest
from ninja import Path

from yjinspect.converters import MAX_ID

from .problems import Problem

# A record's number in a path: what the id columns can hold, so a wild number is a 422 that
# names it, never a database error.
Id = Annotated[int, Path(ge=1, le=MAX_ID)]

# Every endpoint documents the refusals it can give, all as problem details.
ERRORS: dict[int, Any] = {
    400: Problem,
    401: Problem,
    403: Problem,
    404: Problem,
    409: Problem,
    412: Problem,
    422: Problem,
    428: Problem,
    429: Problem,
}


def user_of(request: HttpRequest) -> User:
    return cast(User, request.user)


def language(request: HttpRequest) -> str:
    """Welsh when the request asks for it first (``Accept-Language: cy``)."""
    wanted = request.headers.get("Accept-Language", "")
    return "cy" if wanted.strip().lower().startswith("cy") else "en"
