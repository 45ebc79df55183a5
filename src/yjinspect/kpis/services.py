"""KPIs for a service: imported from a CSV of returns (checked row by row, all or nothing),
and worked out from the records where the product has them (board attendance)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from yjinspect.accounts.permissions import require
from yjinspect.audit.services import record
from yjinspect.board.services import attendance_rates
from yjinspect.engine.measures import Measure, measure, measures
from yjinspect.quarters import Quarter
from yjinspect.services.models import YouthJusticeService

from .models import MeasureValue

COLUMNS = ("quarter", "kpi", "part", "numerator", "denominator")
MAX_ROWS = 5000
PROBLEMS_SHOWN = 20


@dataclass(frozen=True)
class Figure:
    numerator: int
    denominator: int
    value: float | None  # as the measure reads: a percentage, or per 1,000 / 100,000
    computed: bool  # worked out from the records, not imported


def template_csv() -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for m in measures():
        if m.source == "import":
            for part in m.parts:
                writer.writerow(["2025Q3", m.id, part.id, "", ""])
    return out.getvalue()


def _row_problems(number: int, row: dict[str, str], seen: set[tuple[str, str, str]]) -> list[str]:
    where = _("Row %(n)d") % {"n": number}
    found = []
    try:
        quarter = str(Quarter.parse(row.get("quarter") or ""))
    except ValueError as error:
        return [f"{where}, quarter: {error}"]
    kpi = measure((row.get("kpi") or "").strip().lower())
    if kpi is None:
        known = ", ".join(m.id for m in measures())
        return [
            f"{where}, kpi: "
            + _("no measure %(id)r (known: %(known)s)") % {"id": row.get("kpi"), "known": known}
        ]
    if kpi.source != "import":
        return [
            f"{where}, kpi: "
            + _("%(label)s is worked out from the records, not imported") % {"label": kpi.label}
        ]
    part_id = (row.get("part") or "").strip().lower() or (
        kpi.parts[0].id if len(kpi.parts) == 1 else ""
    )
    if kpi.part(part_id) is None:
        parts = ", ".join(p.id for p in kpi.parts)
        return [
            f"{where}, part: "
            + _("%(label)s has the parts %(parts)s") % {"label": kpi.label, "parts": parts}
        ]
    numbers = {}
    for column in ("numerator", "denominator"):
        text = (row.get(column) or "").strip()
        if not text.isdigit():
            found.append(
                f"{where}, {column}: "
                + _("a whole number of 0 or more, not %(value)r") % {"value": text}
            )
        else:
            numbers[column] = int(text)
    if len(numbers) == 2:
        if kpi.per == 100 and numbers["numerator"] > numbers["denominator"]:
            found.append(f"{where}, numerator: " + _("more than the denominator"))
        if numbers["denominator"] == 0 and numbers["numerator"]:
            found.append(f"{where}, denominator: " + _("0 with a numerator above 0"))
    key = (quarter, kpi.id, part_id)
    if key in seen:
        found.append(f"{where}: " + _("the same quarter, measure and part as an earlier row"))
    seen.add(key)
    return found


def check_csv(
    text: str, services: dict[str, YouthJusticeService] | None = None
) -> tuple[list[dict[str, Any]], list[str]]:
    """The rows as values to store, and every problem by row and column (none: all good).
    With ``services`` (name, case folded -> service), a ``service`` column names each row's
    service: the inspectorate's returns for every service in one file."""
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    needed = (("service",) if services is not None else ()) + COLUMNS
    missing = [c for c in needed if c not in header and c != "part"]
    if missing:
        return [], [_("The file needs the columns %(columns)s") % {"columns": ", ".join(needed)}]
    reader.fieldnames = header
    rows: list[dict[str, Any]] = []
    problems: list[str] = []
    seen: dict[str, set[tuple[str, str, str]]] = {}
    for number, row in enumerate(reader, start=2):
        if number - 1 > MAX_ROWS:
            return [], [_("At most %(n)d rows at a time") % {"n": MAX_ROWS}]
        if not any((v or "").strip() for v in row.values()):
            continue
        service = None
        if services is not None:
            name = (row.get("service") or "").strip()
            service = services.get(name.casefold())
            if service is None:
                problems.append(
                    _("Row %(n)d") % {"n": number}
                    + ", service: "
                    + _("no service is called %(name)r") % {"name": name}
                )
                continue
        found = _row_problems(number, row, seen.setdefault(service.name if service else "", set()))
        problems += found
        if not found:
            kpi = measure(row["kpi"].strip().lower())
            assert kpi is not None
            rows.append(
                {
                    "service": service,
                    "quarter": str(Quarter.parse(row["quarter"])),
                    "measure": kpi.id,
                    "part": (row.get("part") or "").strip().lower() or kpi.parts[0].id,
                    "numerator": int(row["numerator"]),
                    "denominator": int(row["denominator"]),
                }
            )
    if not rows and not problems:
        problems.append(_("The file has no rows"))
    return rows, problems


def _refuse(problems: list[str]) -> None:
    if problems:
        shown = problems[:PROBLEMS_SHOWN]
        if len(problems) > PROBLEMS_SHOWN:
            shown.append(_("and %(n)d more") % {"n": len(problems) - PROBLEMS_SHOWN})
        raise ValidationError(shown)


@transaction.atomic
def import_csv(user: Any, service: YouthJusticeService, text: str) -> int:
    """Store every row, or none: a file with any problem changes nothing."""
    require(user, "service.records.change", service)
    rows, problems = check_csv(text)
    _refuse(problems)
    for row in rows:
        _store(user, service, row)
    return len(rows)


@transaction.atomic
def import_national_csv(user: Any, text: str) -> int:
    """The inspectorate's file of every service's returns (a ``service`` column first): the
    same checks, all rows or none."""
    require(user, "national.indicators.import")
    services = {s.name.casefold(): s for s in YouthJusticeService.objects.all()}
    rows, problems = check_csv(text, services)
    _refuse(problems)
    for row in rows:
        _store(user, row["service"], row)
    return len(rows)


def _store(user: Any, service: YouthJusticeService, row: dict[str, Any]) -> None:
    value, created = MeasureValue.objects.get_or_create(
        service=service,
        quarter=row["quarter"],
        measure=row["measure"],
        part=row["part"],
        defaults={
            "numerator": row["numerator"],
            "denominator": row["denominator"],
            "imported_by": user,
        },
    )
    before = None if created else {"numerator": value.numerator, "denominator": value.denominator}
    if not created:
        value.numerator, value.denominator, value.imported_by = (
            row["numerator"],
            row["denominator"],
            user,
        )
        value.save()
    record(
        user,
        "kpi.imported",
        value,
        quarter=row["quarter"],
        measure=row["measure"],
        part=row["part"],
        before=before,
        after={"numerator": row["numerator"], "denominator": row["denominator"]},
    )


def figures(
    service: YouthJusticeService, quarters: list[Quarter]
) -> dict[tuple[str, str, str], Figure]:
    """(quarter, measure, part) -> figure, imported or worked out, for the quarters given."""
    found: dict[tuple[str, str, str], Figure] = {}
    by_id = {m.id: m for m in measures()}
    for value in MeasureValue.objects.filter(
        service=service, quarter__in=[str(q) for q in quarters]
    ):
        kpi = by_id.get(value.measure)
        if kpi is not None:
            found[(value.quarter, value.measure, value.part)] = Figure(
                value.numerator,
                value.denominator,
                kpi.value(value.numerator, value.denominator),
                False,
            )
    for kpi in measures():
        if kpi.source == "board_attendance":
            for quarter in quarters:
                _board_attendance(found, service, quarter, kpi)
    return found


def _board_attendance(
    found: dict[tuple[str, str, str], Figure],
    service: YouthJusticeService,
    quarter: Quarter,
    kpi: Measure,
) -> None:
    rates = attendance_rates(service, quarter.start, quarter.end).values()
    held = sum(h for _there, h in rates)
    if held:
        there = sum(t for t, _h in rates)
        found[(str(quarter), kpi.id, kpi.parts[0].id)] = Figure(
            there, held, kpi.value(there, held), True
        )
