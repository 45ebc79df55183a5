"""A person's role (the rules on what each role may do are in ``permissions``)."""

from __future__ import annotations

from typing import Any, cast

from django.contrib.auth.models import AnonymousUser, User
from django.http import HttpRequest

from .models import Profile, Role

AnyUser = User | AnonymousUser


def signed_in(request: HttpRequest) -> User:
    """The signed-in user of a view behind @login_required."""
    user = request.user
    if not isinstance(user, User):  # pragma: no cover - login_required ran first
        raise PermissionError("not signed in")
    return user


def role_of(user: AnyUser) -> Role | None:
    """The person's role; a superuser without a profile counts as an inspectorate admin."""
    if not user.is_authenticated:
        return None
    try:
        profile: Profile = cast(Any, user).profile  # loaded with the user by our backend
    except Profile.DoesNotExist:
        return Role.INSPECTORATE_ADMIN if getattr(user, "is_superuser", False) else None
    return Role(profile.role)
