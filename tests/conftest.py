"""Shared fixtures."""

from __future__ import annotations

import pytest

from yjinspect.engine import Framework, get_framework


@pytest.fixture(scope="session")
def yjs2018() -> Framework:
    return get_framework("hmip-yjs-2018")


@pytest.fixture(scope="session")
def yjs2021() -> Framework:
    return get_framework("hmip-yjs-2021")
