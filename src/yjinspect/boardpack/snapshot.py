"""Taking an inspection's data in advance when it is announced: the board pack's sections for
the last whole quarter, rendered once in each language and frozen with the inspection."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone, translation

from yjinspect.engine.framework import DATA_IN_ADVANCE
from yjinspect.quarters import Quarter

from . import pack
from .models import DataInAdvance


def take(inspection: Any) -> DataInAdvance:
    quarter = Quarter.containing(timezone.localdate()).previous()
    sections: dict[str, dict[str, str]] = {}
    for language in ("en", "cy"):
        built = pack.build(inspection.service, quarter, language)
        with translation.override("cy" if language == "cy" else "en-gb"):
            sections[language] = {
                name: render_to_string(
                    f"boardpack/sections/{name}.html",
                    {"pack": built, "q": quarter, "lang": language},
                )
                for name in DATA_IN_ADVANCE
            }
    taken, _created = DataInAdvance.objects.update_or_create(
        inspection=inspection,
        defaults={"taken_at": timezone.now(), "quarter": str(quarter), "sections": sections},
    )
    return taken
