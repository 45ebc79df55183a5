"""What later apps add to an inspection's overview page (waiting and overdue case alerts...).

Those apps sit above inspections and register here when they load, so the overview can show
their figures without inspections importing them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from .models import Inspection

Panel = Callable[[Inspection], dict[str, Any]]
_panels: dict[str, Panel] = {}
P = TypeVar("P", bound=Panel)


def overview_panel(name: str) -> Callable[[P], P]:
    """Register ``name`` in the overview page's context, computed for the inspection."""

    def register(panel: P) -> P:
        _panels[name] = panel
        return panel

    return register


def panels(inspection: Inspection) -> dict[str, Any]:
    return {name: panel(inspection) for name, panel in _panels.items()}
