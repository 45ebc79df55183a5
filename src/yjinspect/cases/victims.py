"""The victims list a service sends before a 2025 inspection, and the victims' sample drawn
from it. A victim is kept as a case record of the inspection with ``source="victims"`` (the
framework's population source), so the victims' sample is allocated, assessed and moderated
by the same code as the children's; it carries no name, address, date of birth or profile."""

from __future__ import annotations

from typing import IO, Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from yjinspect.audit.services import record
from yjinspect.engine import Framework
from yjinspect.engine.caseload import group_problems
from yjinspect.engine.errors import CaseloadError, CaseloadInvalid
from yjinspect.engine.victims import VICTIM_COLUMNS, VICTIM_TYPES, parse_victims
from yjinspect.inspections.lifecycle import Operation
from yjinspect.inspections.lifecycle import check as check_stage
from yjinspect.inspections.models import Inspection
from yjinspect.inspections.permissions import require

from .caseload import read_table
from .models import CASELOAD, VICTIMS, Case, SampledCase

__all__ = ["CASELOAD", "VICTIMS", "import_victims", "listed", "summary", "victim_populations"]


def victim_populations(framework: Framework) -> list[str]:
    """The ids of the framework's populations drawn from a victims list (none before 2025)."""
    if framework.sampling is None:
        return []
    return [p.id for p in framework.sampling.populations if p.source == VICTIMS]


def listed(inspection: Inspection) -> Any:
    return Case.objects.filter(inspection=inspection, source=VICTIMS)


def summary(inspection: Inspection) -> dict[str, Any]:
    """How many victims are listed, by disposal and by kind of victim."""
    victims = listed(inspection)
    by_type: dict[str, int] = {}
    for extra in victims.values_list("extra", flat=True):
        kind = extra.get("victim_type", "")
        by_type[kind] = by_type.get(kind, 0) + 1
    return {
        "count": victims.count(),
        "by_disposal": list(
            victims.values("disposal").annotate(n=Count("id")).order_by("disposal")
        ),
        "by_type": sorted(by_type.items()),
        "columns": VICTIM_COLUMNS,
        "types": VICTIM_TYPES,
    }


@transaction.atomic
def import_victims(user: User, inspection: Inspection, name: str, handle: IO[bytes]) -> int:
    """Replace the inspection's victims list with the file's, all rows or none. Refused once
    the victims' sample is drawn: the sample must rest on the list it was drawn from."""
    require(user, "caseload.import", inspection)
    check_stage(inspection, Operation.IMPORT_CASELOAD)
    populations = victim_populations(inspection.framework)
    if not populations:
        raise ValidationError(_("This inspection's framework has no victims' sample"))
    if SampledCase.objects.filter(inspection=inspection, population__in=populations).exists():
        raise ValidationError(
            _("The victims' sample has been drawn from the list: it can no longer be replaced")
        )
    header, rows = read_table(name, handle)
    try:
        victims = parse_victims(header, rows)
    except CaseloadInvalid as error:
        raise ValidationError(_problem_messages(error.problems)) from None
    children = set(
        Case.objects.filter(inspection=inspection, source=CASELOAD).values_list(
            "case_ref", flat=True
        )
    )
    late = [
        CaseloadError(
            _("the start date is after fieldwork ends (%(end)s)")
            % {"end": f"{inspection.fieldwork_end:%d/%m/%Y}"},
            row=number,
            column="start_date",
        )
        for number, victim in enumerate(victims, start=2)
        if victim.start_date > inspection.fieldwork_end
    ] + [
        CaseloadError(
            _("this reference is a child's case in the caseload: give victims their own"),
            row=number,
            column="victim_ref",
        )
        for number, victim in enumerate(victims, start=2)
        if victim.case_ref in children
    ]
    if late:
        raise ValidationError(_problem_messages(late))
    replaced = listed(inspection).count()
    listed(inspection).delete()
    Case.objects.bulk_create(Case.from_record(inspection, VICTIMS, v) for v in victims)
    record(
        user,
        "victims.imported",
        inspection,
        inspection_id=inspection.pk,
        file=name,
        victims=len(victims),
        replaced=replaced,
    )
    return len(victims)


def _problem_messages(problems: list[CaseloadError]) -> list[str]:
    """One message per kind of problem and column, naming the rows ("victim_type: 2 rows
    (3, 7): 'person' is not one of …")."""
    messages = []
    for group in group_problems(problems):
        where = f"{group['column']}: " if group["column"] else ""
        if group["rows"]:
            rows = ", ".join(str(r) for r in group["rows"])
            more = group["count"] - len(group["rows"])
            counted = ngettext("%(num)s row", "%(num)s rows", group["count"]) % {
                "num": group["count"]
            }
            tail = (" " + _("and %(n)s more") % {"n": more}) if more > 0 else ""
            where += f"{counted} ({rows}{tail}): "
        messages.append(where + group["message"])
    return messages
