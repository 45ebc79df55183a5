"""Template context shared by every page."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import get_language


def content_language() -> str:
    """'cy' or 'en': which side of the framework's bilingual text to show."""
    return "cy" if (get_language() or "").startswith("cy") else "en"


def language(request: HttpRequest) -> dict[str, str]:
    return {"lang": content_language()}


def notifications(request: HttpRequest) -> dict[str, int]:
    """How many unread notifications the header should show."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread_notifications": 0}
    from yjinspect.notifications.models import Notification

    unread = Notification.objects.filter(user=user, read_at__isnull=True).count()
    return {"unread_notifications": unread}
