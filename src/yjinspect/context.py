"""Template context shared by every page."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import get_language


def content_language() -> str:
    """'cy' or 'en': which side of the framework's bilingual text to show."""
    return "cy" if (get_language() or "").startswith("cy") else "en"


def language(request: HttpRequest) -> dict[str, str]:
    return {"lang": content_language()}
