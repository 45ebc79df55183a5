"""The board data pack for a quarter: what a management board needs to steer the service
(Cwm Taf's board "could not direct strategic planning ... due to an absence of wider and more
sophisticated data"). Figures come from the service's own records as they stood at the end
of the quarter; nothing here is typed in for the pack.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from yjinspect.alerts.models import CaseAlert
from yjinspect.board.services import attendance_rates
from yjinspect.casework.models import ServiceCase
from yjinspect.casework.workload import Workload, workloads
from yjinspect.engine.measures import measures
from yjinspect.engine.policy import ServicePolicy, service_policy
from yjinspect.interventions.models import Intervention
from yjinspect.interventions.services import (
    Evaluation,
    NeedRow,
    evaluate,
    need_title,
    needs_against_provision,
)
from yjinspect.kpis.services import Figure, figures
from yjinspect.national.disproportionality import Picture, described, for_service
from yjinspect.national.disproportionality import rows as disproportionality_rows
from yjinspect.outofcourt.services import PanelSummary
from yjinspect.outofcourt.services import summary as panel_summary
from yjinspect.plans.models import ImprovementAction
from yjinspect.quarters import Quarter
from yjinspect.reports.charts import bar_chart
from yjinspect.safeguarding.models import ExploitationScreening, NrmReferral
from yjinspect.safeguarding.timeliness import Timeliness, exploitation_flags, timeliness
from yjinspect.selfassessment.services import Result, last_result
from yjinspect.services.models import YouthJusticeService
from yjinspect.staffing.flags import (
    Flag,
    PostState,
    missing_secondments,
    post_states,
    supervision,
    supervision_flags,
)
from yjinspect.values import value_name

AGE_BANDS = ((10, 14, "10–14"), (15, 17, "15–17"), (18, 99, "18+"))
TREND_QUARTERS = 4


@dataclass
class Share:
    label: str
    count: int
    percent: int


@dataclass
class Chart:
    title: str
    svg: str
    shares: list[Share]


@dataclass
class Trend:
    quarter: Quarter
    open_cases: int
    posts_flagged: int
    supervision_overdue: int
    notices_in_time: int | None
    board_attendance: int | None


@dataclass
class BoardPack:
    service: YouthJusticeService
    quarter: Quarter
    language: str
    policy: ServicePolicy
    generated_at: datetime
    open_cases: int = 0
    new_cases: int = 0
    closed_cases: int = 0
    charts: list[Chart] = field(default_factory=list)
    # The national figures' stages, rules and log, from the service's own records.
    disproportionality: Picture | None = None
    disproportionality_rows: list[list[Any]] = field(default_factory=list)
    suppressed: list[str] = field(default_factory=list)
    posts: list[PostState] = field(default_factory=list)
    staffing_flags: list[Flag] = field(default_factory=list)
    workloads: list[Workload] = field(default_factory=list)
    workload_svg: str = ""
    supervision: list[tuple[str, int, int]] = field(
        default_factory=list
    )  # manager, people, overdue
    information: Timeliness | None = None
    screenings: int = 0
    concerns: int = 0
    referrals: int = 0
    exploitation_flags: list[Flag] = field(default_factory=list)
    out_of_court: PanelSummary | None = None
    needs: list[NeedRow] = field(default_factory=list)
    interventions: list[tuple[str, str, Evaluation]] = field(default_factory=list)
    meetings: int = 0
    attendance: list[tuple[str, str, int, int]] = field(default_factory=list)
    alerts_sent: int = 0
    alert_themes: list[tuple[str, int]] = field(default_factory=list)
    alerts_open: int = 0
    actions_total: int = 0
    actions_done: int = 0
    actions_overdue: int = 0
    trends: list[Trend] = field(default_factory=list)
    # (measure label and title, part title, this quarter's figure, the previous quarter's)
    measures: list[tuple[str, str, Figure | None, Figure | None]] = field(default_factory=list)
    # The last self-assessment against the national standards signed off by the quarter's end.
    self_assessment: Result | None = None


def _open_on(day: date) -> Q:
    return Q(starts_on__lte=day) & (Q(ends_on__isnull=True) | Q(ends_on__gt=day))


def _shares(counts: Counter[str], total: int) -> list[Share]:
    return [
        Share(label, count, round(100 * count / total) if total else 0)
        for label, count in counts.most_common()
    ]


def _age_band(age: int) -> str:
    return next(label for low, high, label in AGE_BANDS if low <= age <= high)


def build(service: YouthJusticeService, quarter: Quarter, language: str) -> BoardPack:
    """Every figure of the pack, in ``language`` (en or cy)."""
    with translation.override("cy" if language == "cy" else "en-gb"):
        policy = service_policy()
        pack = BoardPack(service, quarter, language, policy, timezone.now())
        _caseload(pack)
        _staffing(pack)
        _safeguarding(pack)
        _board(pack)
        _inspection(pack)
        pack.self_assessment = last_result(service, language, by=quarter.end)
        pack.trends = [_trend(service, q, policy) for q in _last_quarters(quarter)]
        _measures(pack)
        return pack


def _measures(pack: BoardPack) -> None:
    language = "cy" if pack.language == "cy" else "en"
    this, before = pack.quarter, pack.quarter.previous()
    found = figures(pack.service, [before, this])
    for m in measures():
        for part in m.parts:
            pack.measures.append(
                (
                    f"{m.label}: {m.title.get(language)}",
                    part.title.get(language),
                    found.get((str(this), m.id, part.id)),
                    found.get((str(before), m.id, part.id)),
                )
            )


def _last_quarters(quarter: Quarter) -> list[Quarter]:
    found = [quarter]
    while len(found) < TREND_QUARTERS:
        found.insert(0, found[0].previous())
    return found


def _caseload(pack: BoardPack) -> None:
    start, end = pack.quarter.start, pack.quarter.end
    cases = list(ServiceCase.objects.filter(_open_on(end), service=pack.service))
    pack.open_cases = len(cases)
    pack.new_cases = ServiceCase.objects.filter(
        service=pack.service, starts_on__gte=start, starts_on__lte=end
    ).count()
    pack.closed_cases = ServiceCase.objects.filter(
        service=pack.service, ends_on__gte=start, ends_on__lte=end
    ).count()
    total = len(cases)
    for title, counts in (
        (_("Age"), Counter(_age_band(c.age) for c in cases)),
        (_("Sex"), Counter(value_name(c.sex) for c in cases)),
        (_("Ethnicity"), Counter(value_name(c.ethnicity) for c in cases)),
        (_("Disposal"), Counter(value_name(c.disposal) for c in cases)),
        (_("Risk of serious harm"), Counter(value_name(c.rosh) for c in cases)),
    ):
        shares = _shares(counts, total)
        svg = bar_chart(
            _("Children in the caseload by %(what)s") % {"what": title.lower()},
            [(s.label, s.percent) for s in shares],
        )
        pack.charts.append(Chart(title, svg, shares))
    # Disproportionality, pooled over the policy's years: the national page's stages and rules.
    picture = for_service(pack.service, pack.quarter.end)
    pack.disproportionality = picture
    pack.disproportionality_rows = disproportionality_rows(picture, pack.language)
    pack.suppressed = described(picture, pack.language)


def _staffing(pack: BoardPack) -> None:
    end, policy = pack.quarter.end, pack.policy
    pack.posts = post_states(pack.service, end, policy)
    by_manager = supervision(pack.service, end, policy)
    pack.staffing_flags = (
        [f for state in pack.posts for f in state.flags]
        + missing_secondments(pack.posts, policy)
        + supervision_flags(by_manager)
    )
    pack.workloads = workloads(pack.service.pk, end, policy)
    # The bars stop at 100%: the table beside the chart gives each load in full.
    pack.workload_svg = bar_chart(
        _("Case managers' load against their capacity"),
        [(w.person.name, min(w.percent, 100)) for w in pack.workloads],
    )
    pack.supervision = [
        (manager.name, len(people), sum(1 for p in people if p.overdue_days))
        for manager, people in sorted(by_manager.items(), key=lambda item: item[0].name)
    ]


def _safeguarding(pack: BoardPack) -> None:
    start, end = pack.quarter.start, pack.quarter.end
    pack.information = timeliness(pack.service, start, end, pack.policy)
    screenings = ExploitationScreening.objects.filter(
        case__service=pack.service, screened_on__gte=start, screened_on__lte=end
    )
    pack.screenings = screenings.count()
    pack.concerns = screenings.exclude(outcome=ExploitationScreening.Outcome.NONE).count()
    pack.referrals = NrmReferral.objects.filter(
        case__service=pack.service, referred_on__gte=start, referred_on__lte=end
    ).count()
    pack.exploitation_flags = exploitation_flags(pack.service, end, pack.policy)
    pack.out_of_court = panel_summary(pack.service, start, end, pack.policy.out_of_court)
    pack.needs = needs_against_provision(pack.service, end)
    pack.interventions = [
        (item.name, need_title(item.need), evaluate(item))
        for item in Intervention.objects.filter(service=pack.service, active=True)
    ]


def _board(pack: BoardPack) -> None:
    start, end = pack.quarter.start, pack.quarter.end
    pack.meetings = pack.service.board_meetings.filter(held_on__gte=start, held_on__lte=end).count()
    rates = attendance_rates(pack.service, start, end)
    pack.attendance = [
        (member.name, member.organisation, *rates.get(member.pk, (0, 0)))
        for member in pack.service.board_members.all()
    ]


def _inspection(pack: BoardPack) -> None:
    """Case alerts sent to the service and its improvement plans (published inspections only:
    the service never sees an inspection's work in progress)."""
    start, end = pack.quarter.start, pack.quarter.end
    sent = CaseAlert.objects.filter(
        inspection__service=pack.service,
        confirmed_at__date__gte=start,
        confirmed_at__date__lte=end,
    )
    pack.alerts_sent = sent.count()
    themes: Counter[str] = Counter()
    labels = dict(CaseAlert.Theme.choices)
    for alert in sent:
        themes.update(str(labels.get(t, t)) for t in alert.themes)
    pack.alert_themes = themes.most_common()
    pack.alerts_open = (
        CaseAlert.objects.filter(inspection__service=pack.service, confirmed_at__date__lte=end)
        .exclude(closed_at__date__lte=end)
        .count()
    )
    actions = ImprovementAction.objects.filter(
        inspection__service=pack.service, inspection__published_ratings__isnull=False
    )
    pack.actions_total = actions.count()
    pack.actions_done = actions.filter(status=ImprovementAction.Status.DONE).count()
    pack.actions_overdue = (
        actions.exclude(status=ImprovementAction.Status.DONE).filter(due__lte=end).count()
    )


def _trend(service: YouthJusticeService, quarter: Quarter, policy: ServicePolicy) -> Trend:
    end = quarter.end
    states = post_states(service, end, policy)
    overdue = sum(
        1 for people in supervision(service, end, policy).values() for p in people if p.overdue_days
    )
    information = timeliness(service, quarter.start, end, policy)
    rates = attendance_rates(service, quarter.start, end).values()
    held = sum(h for _there, h in rates)
    return Trend(
        quarter=quarter,
        open_cases=ServiceCase.objects.filter(_open_on(end), service=service).count(),
        posts_flagged=sum(1 for s in states if s.flags),
        supervision_overdue=overdue,
        notices_in_time=information.percent_seen_in_time,
        board_attendance=round(100 * sum(t for t, _h in rates) / held) if held else None,
    )


def render_html(pack: BoardPack) -> str:
    with translation.override("cy" if pack.language == "cy" else "en-gb"):
        return render_to_string("boardpack/pack.html", {"pack": pack, "lang": pack.language})


def render_pdf(pack: BoardPack) -> bytes:
    from yjinspect.reports.services import render_pdf as to_pdf

    return to_pdf(render_html(pack))
