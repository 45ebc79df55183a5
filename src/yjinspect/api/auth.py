"""Token authentication: ``Authorization: Bearer <token>``; the request then acts as the
token's person, so every permission rule answers for them as it does on the pages."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer

from yjinspect.accounts.tokens import user_for


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = user_for(token)
        if user is None:
            return None
        request.user = user
        return user
