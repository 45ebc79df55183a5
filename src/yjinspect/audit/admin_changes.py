"""Changes made through the admin site are audited with their before and after values.

The admin site saves models directly, not through our services, so this listens to every
model save and delete made while an admin request is being answered: the middleware notes who
is acting, the signal handlers record what changed. Secrets (password hashes, two-factor keys,
recovery codes) are recorded as changed, never by value."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.db import models
from django.http import HttpRequest, HttpResponse

from .models import AuditChainHead, AuditEvent
from .services import record

_acting: ContextVar[Any] = ContextVar("yj_admin_actor", default=None)
SECRET_FIELDS = {"password", "key", "token", "session_key", "session_data"}
NOT_AUDITED = {AuditEvent, AuditChainHead}
NOT_AUDITED_LABELS = {"admin.logentry", "sessions.session", "axes.accessattempt"}


class AdminChangesAudited:
    """Marks a request to the admin site by a signed-in person, for the handlers below."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith("/admin/") or not request.user.is_authenticated:
            return self.get_response(request)
        with acting_as(request.user):
            return self.get_response(request)


@contextmanager
def acting_as(user: Any) -> Iterator[None]:
    token = _acting.set(user)
    try:
        yield
    finally:
        _acting.reset(token)


def _audited(instance: models.Model) -> bool:
    return (
        _acting.get() is not None
        and type(instance) not in NOT_AUDITED
        and instance._meta.label_lower not in NOT_AUDITED_LABELS
    )


def _values(instance: models.Model) -> dict[str, Any]:
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


def _shown(name: str, value: Any) -> Any:
    if name in SECRET_FIELDS:
        return "(secret)"
    return value if isinstance(value, bool | int | float | type(None)) else str(value)


def before_save(sender: Any, instance: models.Model, **kwargs: Any) -> None:
    if _audited(instance) and instance.pk is not None:
        old = type(instance)._base_manager.filter(pk=instance.pk).first()
        instance.__dict__["_yj_before"] = _values(old) if old is not None else None


def after_save(sender: Any, instance: models.Model, created: bool, **kwargs: Any) -> None:
    if not _audited(instance):
        return
    before = instance.__dict__.pop("_yj_before", None) or {}
    after = _values(instance)
    changed = [name for name in after if created or before.get(name) != after[name]]
    if not changed:
        return
    record(
        _acting.get(),
        "admin.added" if created else "admin.changed",
        instance,
        before={n: _shown(n, before.get(n)) for n in changed} if not created else {},
        after={n: _shown(n, after[n]) for n in changed},
    )


def after_delete(sender: Any, instance: models.Model, **kwargs: Any) -> None:
    if _audited(instance):
        values = _values(instance)
        record(
            _acting.get(),
            "admin.deleted",
            instance,
            before={n: _shown(n, v) for n, v in values.items()},
        )


def m2m_changed(
    sender: Any, instance: models.Model, action: str, pk_set: set[Any] | None, **kwargs: Any
) -> None:
    """Groups and permissions given or taken (a role change can be one)."""
    if _audited(instance) and action in ("post_add", "post_remove", "post_clear"):
        record(
            _acting.get(),
            "admin.relations_changed",
            instance,
            relation=sender._meta.label_lower,
            change=action.removeprefix("post_"),
            ids=sorted(str(pk) for pk in pk_set or ()),
        )


def connect() -> None:
    """Listen to the models the admin site edits (and their inline models) only: a delete
    receiver on every model would stop Django deleting large batches (an import's staged rows)
    in one statement."""
    from django.contrib import admin
    from django.db.models.signals import m2m_changed as m2m
    from django.db.models.signals import post_delete, post_save, pre_save

    edited = set(admin.site._registry)
    for model_admin in admin.site._registry.values():
        edited |= {inline.model for inline in model_admin.inlines}
    for model in edited:
        uid = f"audit-admin-{model._meta.label_lower}"
        pre_save.connect(before_save, sender=model, dispatch_uid=uid + "-before")
        post_save.connect(after_save, sender=model, dispatch_uid=uid + "-after")
        post_delete.connect(after_delete, sender=model, dispatch_uid=uid + "-delete")
    m2m.connect(m2m_changed, dispatch_uid="audit-admin-m2m")
