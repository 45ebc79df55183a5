"""Cache an inspection's pages per person, keyed by the inspection's data version.

An inspection's pages are read far more often than its records change. Every change of record
is audited, and each audited change (and any model save or delete that carries an inspection,
such as an edit in the admin) bumps Inspection.data_version, so a cached page is never served
once something it shows has changed. A one-minute lifetime is a backstop, not the mechanism.

Never cached: anything but GET, a response that is not 200, a request with messages waiting to
be shown, and a request without a CSRF cookie (the page's forms carry a token made from it).
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import caches
from django.db import connection
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language

from .models import Inspection

# Also bounds how late a time-based flag (an overdue alert) can appear on a cached page.
LIFETIME_SECONDS = 60


def bump(inspection_id: int) -> None:
    Inspection.objects.filter(pk=inspection_id).update(data_version=F("data_version") + 1)


def _key(request: HttpRequest, pk: int | str, data_version: int) -> str | None:
    """The cache key, or None when the request must not be cached.

    Who may see an inspection follows from the person's role and service (both in the key)
    and the inspection's team (whose every change bumps data_version). So a page can be in the
    cache under this key only if a full visibility check passed for exactly this person, role,
    service and version: a hit needs no second check.
    """
    csrf = request.COOKIES.get(settings.CSRF_COOKIE_NAME)
    if request.method != "GET" or not csrf or len(get_messages(request)):
        return None
    user = request.user
    profile = getattr(user, "profile", None)
    parts = ":".join(
        str(part)
        for part in (
            "page",
            pk,
            data_version,
            user.pk,
            getattr(profile, "role", "-"),
            getattr(profile, "service_id", "-"),
            user.is_superuser,
            get_language(),
            csrf,
            request.get_full_path(),
        )
    )
    # Hashed: a path can be long and hold any character; a cache key must be neither.
    return f"page:{pk}:{hashlib.sha256(parts.encode()).hexdigest()}"


def _data_version(pk: int) -> int | None:
    # Read on every cached page view, so one plain indexed lookup rather than an ORM query.
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT data_version FROM {connection.ops.quote_name(Inspection._meta.db_table)} "
            "WHERE id = %s",
            [pk],
        )
        row = cursor.fetchone()
    return None if row is None else int(row[0])


def cached_inspection_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Wrap a view taking (request, pk, ...) that shows one inspection to those who may see
    it (the view itself checks visibility, and answers 404 otherwise)."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, pk: int, *args: Any, **kwargs: Any) -> HttpResponse:
        version = _data_version(pk)
        key = None if version is None else _key(request, pk, version)
        return _served(key, lambda: view(request, pk, *args, **kwargs))

    return wrapper


def cached_page(
    scope: str, version: Callable[[], int]
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """The same for pages whose content changes only with ``version()`` (a counter the data
    they show bumps): e.g. the national figures, which change when a publication lands. The
    view still checks who may see it on every miss; the key holds the person and role."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            key = _key(request, scope, version()) if request.user.is_authenticated else None
            return _served(key, lambda: view(request, *args, **kwargs))

        return wrapper

    return decorate


def _served(key: str | None, render: Callable[[], HttpResponse]) -> HttpResponse:
    cache = caches["pages"]
    if key is not None and (hit := cache.get(key)) is not None:
        content, content_type = hit
        response = HttpResponse(content, content_type=content_type)
    else:
        response = render()  # checks visibility: 404 or 403 if unseen
        if key is not None and response.status_code == 200 and not response.streaming:
            cache.set(key, (response.content, response["Content-Type"]), LIFETIME_SECONDS)
    # Pages about cases and services: never kept by the browser or a proxy.
    patch_cache_control(response, private=True, no_cache=True, no_store=True)
    return response
