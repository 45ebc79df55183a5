"""Content-Security-Policy sources for the few inline blocks the product allows, by hash.

Pure Python (settings import it before Django is set up)."""

from __future__ import annotations

import base64
import hashlib
import re


def sha256_source(text: str) -> str:
    """The CSP source expression that allows exactly this inline script or style."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def inline_sources(html: str, tag: str) -> list[str]:
    """Sources allowing each inline <tag> block of ``html`` (tag: "script" or "style")."""
    return [sha256_source(body) for body in re.findall(rf"<{tag}[^>]*>(.+?)</{tag}>", html, re.S)]
