"""The demonstration data: for now the sign-ins; a full demonstration inspection follows."""

from __future__ import annotations

from django.contrib.auth import get_user_model

DEMO_USERS = ("admin",)


def load_demo(password: str) -> list[str]:
    """Create or refresh the demo sign-ins with ``password``; return their user names."""
    User = get_user_model()
    for name in DEMO_USERS:
        user, _ = User.objects.get_or_create(username=name)
        user.is_staff = user.is_superuser = name == "admin"
        user.set_password(password)
        user.save()
    return list(DEMO_USERS)
