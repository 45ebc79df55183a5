"""The national picture's figures, each one aggregation in the database over the summary
tables of what was published (never a live re-rating), returned as a table that is at once the
chart's text alternative and the CSV download.

A figure is registered once (``FIGURES``): its page, its CSV and the benchmark all call the
same function with the same filters.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from yjinspect.engine import Framework, get_framework
from yjinspect.engine.measures import measures
from yjinspect.kpis.models import MeasureValue
from yjinspect.plans.models import ImprovementAction
from yjinspect.reports.charts import bar_chart, line_chart, stacked_chart
from yjinspect.routers import dashboard_database
from yjinspect.services.models import Nation, Region, YouthJusticeService

from .models import PublishedInspection, PublishedKeyQuestion, PublishedStandard


@dataclass(frozen=True)
class Filters:
    """What a reader narrows the picture to; empty means everything."""

    nation: str = ""
    region: str = ""
    framework: str = ""
    year_from: int | None = None
    year_to: int | None = None
    standard: str = ""  # key-question trends: the standard whose questions are drawn
    service: int | None = None  # KPIs: one service's own figures beside the national ones

    def apply(self, rows: QuerySet[Any]) -> QuerySet[Any]:
        """The filters on any summary table (their columns have the same names), read from
        the dashboards' database (a replica where there is one)."""
        return rows.using(dashboard_database()).filter(**self.lookups())

    def lookups(self, prefix: str = "") -> dict[str, Any]:
        """The filters as lookups, on a summary table reached through ``prefix``."""
        found: dict[str, Any] = {
            "nation": self.nation,
            "region": self.region,
            "framework_id": self.framework,
            "year__gte": self.year_from,
            "year__lte": self.year_to,
        }
        return {prefix + k: v for k, v in found.items() if v not in ("", None)}

    def query(self) -> dict[str, str]:
        found = {
            "nation": self.nation,
            "region": self.region,
            "framework": self.framework,
            "year_from": "" if self.year_from is None else str(self.year_from),
            "year_to": "" if self.year_to is None else str(self.year_to),
            "standard": self.standard,
            "service": "" if self.service is None else str(self.service),
        }
        return {k: v for k, v in found.items() if v}


@dataclass
class Table:
    """A figure as rows: shown under its chart and downloaded as CSV, the same cells."""

    columns: list[str]
    rows: list[list[Any]]
    chart: str = ""  # SVG; its <desc> reads the same figures
    note: str = ""  # what the reader needs to read it right (e.g. which framework)
    choices: dict[str, Any] = field(default_factory=dict)  # e.g. the standards to pick from
    heat: bool = False  # shade the per-cent cells (a heat map)


@dataclass(frozen=True)
class Figure:
    id: str
    title: Any  # lazy: translated when shown
    summary: Any
    compute: Callable[[Filters], Table]


def percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def language() -> str:
    """The page's language as the framework texts name it: cy or en."""
    return "cy" if (get_language() or "en").startswith("cy") else "en"


def level_title(framework_id: str, rating: str) -> str:
    framework = get_framework(framework_id)
    if not rating or not framework.has_level(rating):
        return framework.not_rated.get(language())
    return framework.level(rating).title.get(language())


def _nation_title(nation: str) -> str:
    return str(dict(Nation.choices).get(nation, nation))


def _favourable(framework: Framework) -> set[str]:
    """The top two levels of the framework's own scale (Good or Outstanding; in 2012–17
    Good or Satisfactory): the share the inspectorate's annual figures quote."""
    return {level.id for level in framework.scale[:2]}


def _latest_framework(filters: Filters, rows: QuerySet[Any]) -> str:
    """The filter's framework, or the latest one with anything published in the filters."""
    if filters.framework:
        return filters.framework
    found: set[str] = set(filters.apply(rows).values_list("framework_id", flat=True).distinct())
    if not found:
        return ""
    return max(found, key=lambda fid: get_framework(fid).in_force_from)


def overall_by_year(filters: Filters) -> Table:
    counts = (
        filters.apply(PublishedInspection.objects.exclude(overall=""))
        .values("year", "nation", "framework_id", "overall")
        .annotate(n=Count("inspection_id"))
        .order_by("year", "nation", "framework_id", "overall")
    )
    groups: dict[tuple[int, str], dict[tuple[str, str], int]] = defaultdict(dict)
    for row in counts:
        groups[(row["year"], row["nation"])][(row["framework_id"], row["overall"])] = row["n"]
    rows, bars = [], []
    for (year, nation), by_rating in sorted(groups.items()):
        total = sum(by_rating.values())
        titled: dict[str, int] = {}
        for (framework_id, rating), n in sorted(
            by_rating.items(), key=lambda item: _rank(item[0][0], item[0][1])
        ):
            title = level_title(framework_id, rating)
            titled[title] = titled.get(title, 0) + n
        favourable = sum(
            n
            for (framework_id, rating), n in by_rating.items()
            if rating in _favourable(get_framework(framework_id))
        )
        for title, n in titled.items():
            rows.append([year, _nation_title(nation), title, n, percent(n, total)])
        rows.append(
            [
                year,
                _nation_title(nation),
                _("Top two levels"),
                favourable,
                percent(favourable, total),
            ]
        )
        bars.append((f"{year} {_nation_title(nation)}", list(titled.items())))
    return Table(
        [_("Year published"), _("Nation"), _("Overall rating"), _("Inspections"), _("Per cent")],
        rows,
        stacked_chart("overall", _("Overall ratings by year and nation"), bars) if bars else "",
        _("Frameworks without an overall rating (2012–17) are not counted here."),
    )


def _rank(framework_id: str, rating: str) -> int:
    ids = [level.id for level in get_framework(framework_id).scale]
    return ids.index(rating) if rating in ids else len(ids)


def standards_heat_map(filters: Filters) -> Table:
    framework_id = _latest_framework(filters, PublishedStandard.objects.all())
    if not framework_id:
        return Table([], [], note=_("Nothing published matches these filters."))
    framework = get_framework(framework_id)
    favourable = _favourable(framework)
    counts = (
        filters.apply(PublishedStandard.objects.filter(framework_id=framework_id))
        .values("standard_id", "year")
        .annotate(
            rated=Count("id", filter=~Q(rating="")),
            good=Count("id", filter=Q(rating__in=favourable)),
        )
        .order_by("standard_id", "year")
    )
    cells = {(row["standard_id"], row["year"]): row for row in counts}
    years = sorted({year for _sid, year in cells})
    rows = []
    for standard in framework.standards:
        line: list[Any] = [standard.id, standard.title.get(language())]
        for year in years:
            row = cells.get((standard.id, year))
            line.append(percent(row["good"], row["rated"]) if row else None)
        rows.append(line)
    top = " / ".join(
        framework.level(level).title.get(language())
        for level in sorted(favourable, key=lambda r: _rank(framework_id, r))
    )
    return Table(
        [_("Standard"), _("Title"), *[str(y) for y in years]],
        rows,
        note=_(
            "%(framework)s. Each cell: the per cent of the standard's published ratings "
            "that were %(top)s, in the year the report was published."
        )
        % {"framework": framework.title.get(language()), "top": top},
        heat=True,
    )


def key_question_trends(filters: Filters) -> Table:
    framework_id = _latest_framework(filters, PublishedKeyQuestion.objects.all())
    if not framework_id:
        return Table([], [], note=_("Nothing published matches these filters."))
    framework = get_framework(framework_id)
    with_questions = [
        s for s in framework.standards if s.key_questions and s.basis.value == "case"
    ] or [s for s in framework.standards if s.key_questions]
    chosen = next((s for s in with_questions if s.id == filters.standard), with_questions[0])
    counts = (
        filters.apply(
            PublishedKeyQuestion.objects.filter(framework_id=framework_id, standard_id=chosen.id)
        )
        .values("key_question_id", "year")
        .annotate(yes=Sum("yes"), applicable=Sum("applicable"))
        .order_by("key_question_id", "year")
    )
    cells = {(r["key_question_id"], r["year"]): r for r in counts}
    years = sorted({year for _kq, year in cells})
    rows, series = [], []
    for question in chosen.key_questions:
        values = [
            percent(cells[(question.id, y)]["yes"], cells[(question.id, y)]["applicable"])
            if (question.id, y) in cells
            else None
            for y in years
        ]
        rows.append([question.id, question.text.get(language()), *values])
        series.append((question.id, values))
    title = _("Key questions of %(standard)s answered yes, per cent, by year") % {
        "standard": chosen.id
    }
    return Table(
        [_("Key question"), _("Question"), *[str(y) for y in years]],
        rows,
        line_chart("trends", title, [str(y) for y in years], series) if years else "",
        framework.title.get(language()),
        {
            "standards": [(s.id, s.title.get(language())) for s in with_questions],
            "standard": chosen.id,
        },
    )


WEAKEST_SHOWN = 10


def weakest_key_questions(filters: Filters) -> Table:
    counts = list(
        filters.apply(PublishedKeyQuestion.objects.all())
        .values("framework_id", "standard_id", "key_question_id")
        .annotate(yes=Sum("yes"), applicable=Sum("applicable"))
        .filter(applicable__gt=0)
    )
    counts.sort(key=lambda r: (r["yes"] / r["applicable"], r["framework_id"], r["key_question_id"]))
    rows = []
    for row in counts[:WEAKEST_SHOWN]:
        framework = get_framework(row["framework_id"])
        question = framework.key_question(row["key_question_id"])
        rows.append(
            [
                framework.title.get(language()),
                row["key_question_id"],
                question.text.get(language()),
                row["yes"],
                row["applicable"],
                percent(row["yes"], row["applicable"]),
            ]
        )
    chart = bar_chart(
        _("The weakest key questions nationally"),
        [(f"{r[1]} ({r[0][-4:]})", round(r[5] or 0)) for r in rows],
    )
    return Table(
        [_("Framework"), _("Key question"), _("Question"), _("Yes"), _("Cases"), _("Per cent")],
        rows,
        chart if rows else "",
    )


def alerts_per_100_cases(filters: Filters) -> Table:
    counts = (
        filters.apply(PublishedInspection.objects.all())
        .values("year", "nation")
        .annotate(
            alerts=Sum("alerts"), children=Sum("children"), inspections=Count("inspection_id")
        )
        .order_by("year", "nation")
    )
    rows = [
        [
            r["year"],
            _nation_title(r["nation"]),
            r["inspections"],
            r["alerts"],
            r["children"],
            round(100 * r["alerts"] / r["children"], 2) if r["children"] else None,
        ]
        for r in counts
    ]
    chart = bar_chart(
        _("Alerts per 100 cases"),
        [(f"{r[0]} {r[1]}", round(r[5] or 0)) for r in rows],
        unit="",
    )
    return Table(
        [
            _("Year published"),
            _("Nation"),
            _("Inspections"),
            _("Alerts"),
            _("Cases assessed"),
            _("Alerts per 100 cases"),
        ],
        rows,
        chart if rows else "",
        _("Alerts sent to the service; an alert raised and withdrawn is not counted."),
    )


def plan_completion(filters: Filters) -> Table:
    today = date.today()
    actions = ImprovementAction.objects.using(dashboard_database()).filter(
        inspection__national__isnull=False
    )
    counts = (
        actions.filter(**filters.lookups("inspection__national__"))
        .values("inspection__national__year", "inspection__national__nation")
        .annotate(
            total=Count("id"),
            done=Count("id", filter=Q(status=ImprovementAction.Status.DONE)),
            overdue=Count("id", filter=~Q(status=ImprovementAction.Status.DONE) & Q(due__lt=today)),
        )
        .order_by("inspection__national__year", "inspection__national__nation")
    )
    rows = [
        [
            r["inspection__national__year"],
            _nation_title(r["inspection__national__nation"]),
            r["total"],
            r["done"],
            percent(r["done"], r["total"]),
            r["overdue"],
        ]
        for r in counts
    ]
    chart = bar_chart(
        _("Improvement actions done, per cent"),
        [(f"{r[0]} {r[1]}", round(r[4] or 0)) for r in rows],
    )
    return Table(
        [
            _("Year published"),
            _("Nation"),
            _("Actions"),
            _("Done"),
            _("Per cent done"),
            _("Overdue"),
        ],
        rows,
        chart if rows else "",
        _("Improvement plans as they stand today, by the year the inspection was published."),
    )


SERVICE = "@service"  # the chosen service's own row, beside the nations'


def indicators(filters: Filters) -> Table:
    """Each measure's value across the services in the filters, by year, against England,
    Wales and both together: the same numerators over the same denominators."""
    values = MeasureValue.objects.using(dashboard_database()).all()
    if filters.region:
        values = values.filter(service__region=filters.region)
    if filters.year_from is not None:
        values = values.filter(quarter__gte=f"{filters.year_from}Q1")
    if filters.year_to is not None:
        values = values.filter(quarter__lte=f"{filters.year_to}Q4")
    counts = (
        values.values("measure", "part", "service__nation", "quarter")
        .annotate(num=Sum("numerator"), den=Sum("denominator"))
        .order_by()
    )
    by_year: dict[tuple[str, str, str, str], list[int]] = defaultdict(lambda: [0, 0])
    for r in counts:
        for nation in (r["service__nation"], ""):
            cell = by_year[(r["measure"], r["part"], r["quarter"][:4], nation)]
            cell[0] += r["num"]
            cell[1] += r["den"]
    # A service's own returns, on the rows above its nation's and the national ones.
    own = ""
    if filters.service is not None:
        chosen = YouthJusticeService.objects.using(dashboard_database()).filter(pk=filters.service)
        own = chosen.values_list("name", flat=True).first() or ""
        for r in (
            values.filter(service_id=filters.service)
            .values("measure", "part", "quarter")
            .annotate(num=Sum("numerator"), den=Sum("denominator"))
            .order_by()
        ):
            cell = by_year[(r["measure"], r["part"], r["quarter"][:4], SERVICE)]
            cell[0] += r["num"]
            cell[1] += r["den"]
    # One row per measure, part and place; one column per year (the numerator and
    # denominator of every cell are in the KPI returns themselves).
    known = {m.id: m for m in measures()}
    years = sorted({year for (_m, _p, year, _n) in by_year})
    places = [filters.nation] if filters.nation else [*(n for n, _t in Nation.choices), ""]
    if own:
        places.insert(0, SERVICE)
    rows = []
    for m in measures():
        for part in m.parts:
            for nation in places:
                cells = [by_year.get((m.id, part.id, year, nation)) for year in years]
                if not any(cells):
                    continue
                rows.append(
                    [
                        m.label,
                        m.title.get(language()),
                        part.title.get(language()),
                        own
                        if nation == SERVICE
                        else _nation_title(nation)
                        if nation
                        else _("England and Wales"),
                        *[
                            None
                            if cell is None or (value := known[m.id].value(*cell)) is None
                            else round(value, 1)
                            for cell in cells
                        ],
                    ]
                )
    return Table(
        [_("Measure"), _("Title"), _("Part"), _("Where"), *years],
        rows,
        note=_(
            "Per cent, or per 1,000 or 100,000 children aged 10 to 17 where the measure says so."
        ),
    )


FIGURES: dict[str, Figure] = {
    f.id: f
    for f in (
        Figure(
            "overall",
            gettext_lazy("Overall ratings by year and nation"),
            gettext_lazy("How many inspections were rated at each level, as published."),
            overall_by_year,
        ),
        Figure(
            "standards",
            gettext_lazy("Standards heat map"),
            gettext_lazy("The share of each standard's ratings at the top two levels, by year."),
            standards_heat_map,
        ),
        Figure(
            "key-questions",
            gettext_lazy("Key-question trends"),
            gettext_lazy("How often each key question was answered yes, year by year."),
            key_question_trends,
        ),
        Figure(
            "weakest",
            gettext_lazy("Weakest key questions nationally"),
            gettext_lazy("The key questions answered yes least often across the inspections."),
            weakest_key_questions,
        ),
        Figure(
            "alerts",
            gettext_lazy("Alerts per 100 cases"),
            gettext_lazy("Alerts sent to services for every 100 cases the inspectors assessed."),
            alerts_per_100_cases,
        ),
        Figure(
            "plans",
            gettext_lazy("Improvement-plan completion"),
            gettext_lazy("How much of the improvement plans after published inspections is done."),
            plan_completion,
        ),
        Figure(
            "indicators",
            gettext_lazy("KPIs and the national indicators"),
            gettext_lazy("Each measure for England, Wales and both, year by year."),
            indicators,
        ),
    )
}


@dataclass(frozen=True)
class Headline:
    year: int
    nation: str  # "" for England and Wales together
    inspections: int
    favourable: int

    @property
    def percent(self) -> float | None:
        return percent(self.favourable, self.inspections)

    @property
    def where(self) -> str:
        return _nation_title(self.nation) if self.nation else _("England and Wales")


def headlines(year: int) -> list[Headline]:
    """The annual figure the inspectorate quotes ("70% of 33 services rated Good or
    Outstanding"): inspections published in ``year`` with an overall rating, by nation and
    together, and how many were rated at their framework's top two levels."""
    counts = (
        PublishedInspection.objects.using(dashboard_database())
        .filter(year=year)
        .exclude(overall="")
        .values("nation", "framework_id", "overall")
        .annotate(n=Count("inspection_id"))
        .order_by()
    )
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for row in counts:
        good = row["overall"] in _favourable(get_framework(row["framework_id"]))
        for nation in (row["nation"], ""):
            totals[nation][0] += row["n"]
            totals[nation][1] += row["n"] if good else 0
    return [Headline(year, nation, n, good) for nation, (n, good) in sorted(totals.items())]


def years_published() -> list[int]:
    return list(
        PublishedInspection.objects.order_by("year").values_list("year", flat=True).distinct()
    )


def regions_of(nation: str) -> Sequence[tuple[str, str]]:
    return [
        (value, str(label))
        for value, label in Region.choices
        if not nation or (value == Region.WALES) == (nation == Nation.WALES)
    ]
