"""Disproportionality: how often children of each ethnic group reach a stage (the caseload,
the inspectors' sample, a court rather than an out-of-court disposal) against White children,
with the engine's relative rate index, interval and suppression. Counts are pooled over the
policy's years; the denominator at entry is the Census 2021 population aged 10 to 17, later the
children at the stage before. Every suppressed figure is logged (``yjinspect.disclosure``) and
listed beside the figures; a download is audited with them.

The national figures count the caseloads and samples of published inspections; a service's
board pack counts its own records (the same stages, rules and log, ``for_service``).
"""

from __future__ import annotations

import csv
import io
import logging
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yjinspect.accounts.permissions import require
from yjinspect.audit.services import record_event
from yjinspect.cases.models import CASELOAD, Case, SampledCase
from yjinspect.casework.models import ServiceCase
from yjinspect.engine.disproportionality import StageRates, stage_rates
from yjinspect.engine.ethnicity import Classification, classification
from yjinspect.engine.policy import service_policy
from yjinspect.routers import dashboard_database
from yjinspect.services.models import YouthJusticeService

from .figures import Filters
from .models import PopulationEstimate, PublishedInspection
from .version import bump

logger = logging.getLogger("yjinspect.disclosure")

# The stages, in order, with what each is counted against.
STAGES = {
    "caseload": (
        gettext_lazy("In the caseload"),
        gettext_lazy("children aged 10 to 17 in the area (Census 2021)"),
    ),
    "sampled": (
        gettext_lazy("Sampled by the inspectors"),
        gettext_lazy("children in the caseload"),
    ),
    "court": (
        gettext_lazy("Given a court rather than an out-of-court disposal"),
        gettext_lazy("children in the caseload"),
    ),
}
MAX_ROWS = 20000


@dataclass
class Picture:
    scheme: str
    period: tuple[int, int] | None  # the years pooled
    stages: list[StageRates] = field(default_factory=list)
    unrecognised: int = 0  # values the scheme does not know, counted with "not stated"
    without_population: int = 0  # inspections (or a service) with no Census figures

    @property
    def suppressions(self) -> list[Any]:
        return [s for stage in self.stages for s in stage.suppressions]


def _grouped(counts: Iterable[tuple[str, int]], scheme: Classification) -> tuple[Counter[str], int]:
    found: Counter[str] = Counter()
    unknown = 0
    for value, n in counts:
        group = scheme.group_of(value)
        if group is None:
            unknown += n
            group = scheme.not_stated.id
        found[group] += n
    return found, unknown


def _rates(stage: str, events: Counter[str], children: Counter[str]) -> StageRates:
    scheme, policy = classification(), service_policy()
    return stage_rates(
        stage,
        events,
        children,
        groups=[g.id for g in scheme.groups],
        reference=scheme.reference,
        not_stated=scheme.not_stated.id,
        suppress_up_to=policy.suppress_up_to,
        min_denominator=policy.min_denominator,
    )


def _log(picture: Picture, where: str) -> None:
    for s in picture.suppressions:
        logger.info(
            "suppressed %s: %s, stage %s, group %s (%s)",
            s.what,
            where,
            s.stage,
            s.group,
            s.reason.value,
        )


def pooled_years(year: int) -> tuple[int, int]:
    return (year - service_policy().pool_years + 1, year)


def national(filters: Filters, year: int | None = None) -> Picture:
    """The figures for published inspections in the filters, pooled over the years ending with
    ``year`` (the latest year with a publication when not given)."""
    scheme = classification()
    inspections = filters.apply(PublishedInspection.objects.all())
    if year is None:
        year = inspections.order_by("-year").values_list("year", flat=True).first()
    if year is None:
        return Picture(scheme.scheme, None)
    period = pooled_years(year)
    inspections = inspections.filter(year__gte=period[0], year__lte=period[1])
    by_service = Counter(
        dict(inspections.values_list("service_id").annotate(n=Count("inspection_id")).order_by())
    )
    ids = list(inspections.values_list("inspection_id", flat=True))
    cases = Case.objects.using(dashboard_database()).filter(inspection_id__in=ids, source=CASELOAD)
    caseload, unknown = _grouped(
        cases.values_list("ethnicity").annotate(n=Count("id")).order_by(), scheme
    )
    court, _unknown = _grouped(
        cases.filter(disposal="court").values_list("ethnicity").annotate(n=Count("id")).order_by(),
        scheme,
    )
    sampled, _unknown = _grouped(
        SampledCase.objects.using(dashboard_database())
        .filter(inspection_id__in=ids, case__source=CASELOAD, replaced_reason="")
        .values_list("case__ethnicity")
        .annotate(n=Count("id"))
        .order_by(),
        scheme,
    )
    # At entry, only inspections of services with Census figures count, on both sides: each
    # inspection's caseload against its area's children (an area inspected twice counts twice).
    population: Counter[str] = Counter()
    with_figures = set()
    for service_id, group, children in PopulationEstimate.objects.filter(
        service_id__in=by_service
    ).values_list("service_id", "group", "children"):
        population[group] += children * by_service[service_id]
        with_figures.add(service_id)
    if with_figures == set(by_service):  # every area has its figures: the caseload as counted
        entered = caseload
    else:
        entered, _unknown = _grouped(
            cases.filter(inspection__service_id__in=with_figures)
            .values_list("ethnicity")
            .annotate(n=Count("id"))
            .order_by(),
            scheme,
        )
    picture = Picture(
        scheme.scheme,
        period,
        [
            _rates("caseload", entered, population),
            _rates("sampled", sampled, caseload),
            _rates("court", court, caseload),
        ],
        unrecognised=unknown,
        without_population=sum(n for s, n in by_service.items() if s not in with_figures),
    )
    _log(picture, f"national {filters.query()} {period[0]}-{period[1]}")
    return picture


def for_service(service: YouthJusticeService, until: date) -> Picture:
    """The board pack's figures from the service's own records: children whose case started in
    the pooled years ending with ``until``'s year, against the area's children and the caseload."""
    scheme = classification()
    period = pooled_years(until.year)
    cases = ServiceCase.objects.filter(
        service=service, starts_on__gte=date(period[0], 1, 1), starts_on__lte=until
    )
    caseload, unknown = _grouped(
        cases.values_list("ethnicity").annotate(n=Count("id")).order_by(), scheme
    )
    court, _unknown = _grouped(
        cases.filter(disposal="court").values_list("ethnicity").annotate(n=Count("id")).order_by(),
        scheme,
    )
    population = Counter(
        dict(PopulationEstimate.objects.filter(service=service).values_list("group", "children"))
    )
    stages = [_rates("court", court, caseload)]
    if population:
        stages.insert(0, _rates("caseload", caseload, population))
    picture = Picture(
        scheme.scheme, period, stages, unrecognised=unknown, without_population=int(not population)
    )
    _log(picture, f"service {service.pk} {period[0]}-{period[1]}")
    return picture


def rows(picture: Picture, language: str) -> list[list[Any]]:
    """The figures as the page's and the CSV's rows (a hidden figure is empty)."""
    scheme = classification()
    found = []
    for stage in picture.stages:
        title, against = STAGES[stage.stage]
        for rate in (stage.reference, *stage.compared, stage.not_stated):
            if rate is None:
                continue
            found.append(
                [
                    str(title),
                    str(against),
                    scheme.title(rate.group, language),
                    None if rate.children < 0 else rate.children,
                    rate.events,
                    None if rate.rate is None else round(100 * rate.rate, 2),
                    None if rate.rri is None else round(rate.rri, 2),
                    None if rate.low is None else round(rate.low, 2),
                    None if rate.high is None else round(rate.high, 2),
                    _note(rate, rate.group == scheme.reference, rate.group == scheme.not_stated.id),
                ]
            )
    return found


COLUMNS = [
    gettext_lazy("Stage"),
    gettext_lazy("Counted against"),
    gettext_lazy("Group"),
    gettext_lazy("Children at risk of the stage"),
    gettext_lazy("Reached the stage"),
    gettext_lazy("Rate, per cent"),
    gettext_lazy("Relative rate index"),
    gettext_lazy("95% interval from"),
    gettext_lazy("95% interval to"),
    gettext_lazy("Note"),
]


def _note(rate: Any, reference: bool, not_stated: bool) -> str:
    from yjinspect.engine.disproportionality import NoRate

    policy = service_policy()
    if rate.no_rate is NoRate.SUPPRESSED:
        return _("Suppressed: a count from 1 to %(n)d is involved") % {"n": policy.suppress_up_to}
    if rate.no_rate is NoRate.TOO_FEW:
        return _("No rate: fewer than %(n)d children") % {"n": policy.min_denominator}
    if reference:
        return _("The group every other is compared with")
    if not_stated:
        return _("Kept apart, never compared")
    if rate.no_rate is NoRate.NO_EVENTS:
        return _("No ratio: none reached the stage in one of the groups")
    if rate.significant:
        return _("Different from White children (the interval leaves out 1)")
    return ""


def export_csv(user: User, picture: Picture, language: str, where: dict[str, str]) -> str:
    """The figures as CSV; the download, with every suppression in it, is audited."""
    record_event(
        user,
        "national.disproportionality_exported",
        object_type="national.disproportionality",
        object_id="national",
        details={
            "where": where,
            "period": list(picture.period or ()),
            "suppressions": [
                f"{s.stage}/{s.group}/{s.what}/{s.reason.value}" for s in picture.suppressions
            ],
        },
        read_only=True,
    )
    from yjinspect.exports import csv_text

    return csv_text([str(c) for c in COLUMNS], rows(picture, language))


# Importing the Census figures.
POPULATION_COLUMNS = ("service", "ethnicity", "children")


@transaction.atomic
def import_population(user: User, text: str) -> int:
    """Replace the Census figures of every service named in the CSV (service, ethnicity,
    children): categories roll up to groups; all rows or none, each problem named by row and
    column. Returns how many services were updated."""
    require(user, "national.population.import")
    scheme = classification()
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in POPULATION_COLUMNS if c not in header]
    if missing:
        raise ValidationError(
            _("The file has no column %(columns)s (it needs: service, ethnicity, children)")
            % {"columns": ", ".join(missing)}
        )
    services = {s.name.casefold(): s for s in YouthJusticeService.objects.all()}
    totals: dict[int, Counter[str]] = {}
    problems = []
    for number, raw in enumerate(reader, start=2):
        if number > MAX_ROWS + 1:
            raise ValidationError(_("The file has more than %(n)d rows") % {"n": MAX_ROWS})
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items()}
        where = _("Row %(n)d") % {"n": number}
        service = services.get(row.get("service", "").casefold())
        group = scheme.group_of(row.get("ethnicity", ""))
        children = row.get("children", "")
        if service is None:
            problems.append(
                f"{where}, service: "
                + _("no service is called %(name)r") % {"name": row.get("service", "")}
            )
        if group is None or not row.get("ethnicity"):
            problems.append(
                f"{where}, ethnicity: "
                + _("%(value)r is not a Census 2021 category or group")
                % {"value": row.get("ethnicity", "")}
            )
        if not children.isdigit() or int(children) > 10_000_000:
            problems.append(
                f"{where}, children: " + _("enter a whole number of children, like 1250")
            )
        if service is not None and group is not None and children.isdigit():
            totals.setdefault(service.pk, Counter())[group] += int(children)
    if problems:
        shown = problems[:20]
        more = len(problems) - len(shown)
        raise ValidationError(shown + ([_("and %(n)d more") % {"n": more}] if more else []))
    if not totals:
        raise ValidationError(_("The file has no rows of figures"))
    for service_id, groups in totals.items():
        PopulationEstimate.objects.filter(service_id=service_id).delete()
        PopulationEstimate.objects.bulk_create(
            PopulationEstimate(service_id=service_id, group=g, children=n, scheme=scheme.scheme)
            for g, n in groups.items()
        )
    bump()  # written in bulk: no signal tells the cached pages
    record_event(
        user,
        "national.population_imported",
        object_type="national.populationestimate",
        object_id=",".join(str(s) for s in sorted(totals)),
        details={
            "services": sorted(totals),
            "children": sum(sum(g.values()) for g in totals.values()),
        },
    )
    return len(totals)


def population_total() -> int:
    return PopulationEstimate.objects.aggregate(n=Sum("children"))["n"] or 0


def described(picture: Picture, language: str) -> list[str]:
    """Each suppression in words, for the page (never the hidden figure itself)."""
    from yjinspect.engine.disproportionality import NoRate

    scheme, policy = classification(), service_policy()
    what = {
        "count": _("the count"),
        "rate": _("the rate"),
        "rri": _("the relative rate index"),
    }
    return [
        _("%(stage)s, %(group)s: %(what)s not shown (%(reason)s)")
        % {
            "stage": STAGES[s.stage][0],
            "group": scheme.title(s.group, language),
            "what": what[s.what],
            "reason": _("a count from 1 to %(n)d") % {"n": policy.suppress_up_to}
            if s.reason is NoRate.SUPPRESSED
            else _("fewer than %(n)d children") % {"n": policy.min_denominator},
        }
        for s in picture.suppressions
    ]
