"""Taking an inspection's data in advance when it is announced: the board pack's sections for
the last whole quarter, rendered once in each language and frozen with the inspection."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.template.loader import render_to_string
from django.utils import timezone, translation

from yjinspect.audit.services import record
from yjinspect.engine.framework import DATA_IN_ADVANCE
from yjinspect.inspections import lifecycle
from yjinspect.inspections.models import Inspection
from yjinspect.inspections.permissions import require
from yjinspect.quarters import Quarter
from yjinspect.selfassessment.services import last_result

from . import pack
from .models import DataInAdvance


def retake(user: User, inspection: Inspection) -> DataInAdvance:
    """Take the data in advance again (the records were corrected after announcement), while
    the inspection has not yet moved on to drawing its sample."""
    require(user, "inspection.lead", inspection)
    lifecycle.check(inspection, lifecycle.Operation.TAKE_DATA_IN_ADVANCE)
    taken = take(inspection)
    record(
        user, "data_in_advance.retaken", taken, inspection_id=inspection.pk, quarter=taken.quarter
    )
    return taken


def take(inspection: Any) -> DataInAdvance:
    quarter = Quarter.containing(timezone.localdate()).previous()
    sections: dict[str, dict[str, str]] = {}
    for language in ("en", "cy"):
        built = pack.build(inspection.service, quarter, language)
        # The last self-assessment signed off before the announcement, not the quarter's end.
        built.self_assessment = last_result(inspection.service, language)
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
