"""The Jinja2 environment for our pages: Django's URL reversing, static files and translations."""

from __future__ import annotations

from typing import Any

from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from jinja2 import Environment


def url(name: str, *args: Any, **kwargs: Any) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def environment(**options: Any) -> Environment:
    # Children's data is shown on these pages: autoescaping is not optional.
    options.setdefault("autoescape", True)
    assert options["autoescape"] is True, "templates must autoescape"
    options.setdefault("extensions", []).append("jinja2.ext.i18n")
    env = Environment(**options)  # autoescape asserted above
    env.install_gettext_translations(translation, newstyle=True)  # type: ignore[attr-defined]
    env.globals.update({"url": url, "static": static, "get_language": translation.get_language})
    return env
