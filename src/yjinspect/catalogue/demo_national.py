"""A synthetic national dataset: services across England and Wales (with mergers and splits),
inspections under each framework version in force over the years asked for, their caseloads,
samples and key-question answers, ratings published from those answers by the engine, alerts,
improvement plans and quarterly KPI returns. Every value is made up; the same seed gives the
same dataset. ``yjinspect demo national`` loads it, for the dashboards and their benchmarks.

Rows are written in bulk, one inspection at a time, without the workflow's checks and audit:
it is test data, not a record of anyone's work.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, cast

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from yjinspect.accounts.models import Profile, Role
from yjinspect.alerts.models import CaseAlert
from yjinspect.cases.models import CASELOAD, VICTIMS, Answer, Case, CaseAssessment, SampledCase
from yjinspect.engine import (
    Basis,
    Framework,
    KeyQuestionCount,
    StandardInput,
    draw_sample,
    get_framework,
    installed_frameworks,
    rate_inspection,
    result_json,
)
from yjinspect.engine.caseload import parse_caseload
from yjinspect.engine.measures import measures
from yjinspect.engine.ratings import RecordedOverall
from yjinspect.engine.victims import parse_victims
from yjinspect.findings.models import Body, Recommendation
from yjinspect.inspections.models import Inspection, Status
from yjinspect.kpis.models import MeasureValue
from yjinspect.national.models import PopulationEstimate
from yjinspect.national.summary import refresh
from yjinspect.national.version import bump
from yjinspect.plans.models import ImprovementAction
from yjinspect.quarters import Quarter
from yjinspect.services.models import Nation, Region, ServiceChange, YouthJusticeService
from yjinspect.synthetic import HEADER as CASELOAD_HEADER
from yjinspect.synthetic import caseload_rows, victims_csv

SCHEME = "ons-2021"
PREFIX = "Synthetic"  # every service's name starts so: never mistaken for a real one
ENGLISH_REGIONS = [r for r, _label in Region.choices if r != Region.WALES]
FIRST = ("Aber", "Bryn", "Cold", "East", "Fair", "Glen", "High", "Long", "Mill", "North")
SECOND = ("brook", "field", "ford", "gate", "ham", "leigh", "mere", "stow", "ton", "wick")


@dataclass
class Loaded:
    services: int = 0
    inspections: int = 0
    published: int = 0
    cases: int = 0
    answers: int = 0
    measure_values: int = 0


def _frameworks_in_force() -> list[Framework]:
    found = [get_framework(fid) for fid in installed_frameworks()]
    return sorted(
        (f for f in found if not f.is_self_assessment and f.sampling is not None),
        key=lambda f: f.in_force_from,
    )


def framework_on(day: date) -> Framework | None:
    for framework in _frameworks_in_force():
        if framework.in_force_from <= day and (
            framework.in_force_to is None or day <= framework.in_force_to
        ):
            return framework
    return None


def _person(username: str, role: str) -> User:
    user, made = User.objects.get_or_create(username=username)
    if made:
        user.set_unusable_password()
        user.save()
        Profile.objects.create(user=user, role=role)
    return user


class Generator:
    def __init__(self, services: int, years: int, seed: int, progress: Callable[[str], None]):
        self.rng = random.Random(f"national|{seed}")
        self.seed = seed
        self.count = services
        self.years = years
        self.progress = progress
        self.today = timezone.localdate()
        self.first_day = date(self.today.year - years + 1, 1, 1)
        self.lead = _person("synthetic-lead", Role.LEAD_INSPECTOR)
        self.inspector = _person("synthetic-inspector", Role.INSPECTOR)
        self.loaded = Loaded()

    def run(self) -> Loaded:
        services = self._services()
        for number, (service, quality, start, end) in enumerate(services, start=1):
            self._inspections(service, quality, start, end)
            self._measures(service, quality, start, end)
            self._population(service)
            if number % 10 == 0 or number == len(services):
                self.progress(
                    f"{number} of {len(services)} services: {self.loaded.inspections} "
                    f"inspections, {self.loaded.answers} answers"
                )
        return self.loaded

    # Services, and the years each existed.
    def _services(self) -> list[tuple[YouthJusticeService, float, date, date]]:
        made: list[tuple[YouthJusticeService, float, date, date]] = []
        middle = self.first_day + (self.today - self.first_day) / 2
        for number in range(1, self.count + 1):
            wales = number % 9 == 0  # about one in nine, as there are 17 of some 150
            region = Region.WALES if wales else self.rng.choice(ENGLISH_REGIONS)
            place = f"{self.rng.choice(FIRST)}{self.rng.choice(SECOND)}"
            name = f"{PREFIX} {place} YJS {self.seed}-{number:03d}"
            service = YouthJusticeService.objects.create(
                name=name,
                nation=Nation.WALES if wales else Nation.ENGLAND,
                region=region,
                local_authorities=place,
            )
            quality = min(0.95, max(0.35, self.rng.gauss(0.72, 0.12)))
            # One in twenty-five was formed by a merger halfway, one in fifty by a split: its
            # own inspections start then, its predecessors' end then.
            kind = None
            if number % 25 == 0:
                kind = ServiceChange.Kind.MERGER
            elif number % 50 == 7:
                kind = ServiceChange.Kind.SPLIT
            made.append((service, quality, middle if kind else self.first_day, self.today))
            for part in range(2 if kind == ServiceChange.Kind.MERGER else 1 if kind else 0):
                before = YouthJusticeService.objects.create(
                    name=f"{name} (before {middle.year}, {part + 1})",
                    nation=service.nation,
                    region=region,
                    local_authorities=service.local_authorities,
                )
                ServiceChange.objects.create(
                    predecessor=before, successor=service, kind=str(kind), on=middle
                )
                made.append((before, quality, self.first_day, middle))
        self.loaded.services = len(made)
        return made

    def _inspections(
        self, service: YouthJusticeService, quality: float, start: date, end: date
    ) -> None:
        # About one inspection a year, at a different time of year for each service.
        day = start + timedelta(days=self.rng.randint(20, 300))
        while day + timedelta(days=5) < end:
            framework = framework_on(day)
            if framework is not None:
                drift = self.rng.gauss(0.02, 0.05)
                quality = min(0.97, max(0.3, quality + drift))
                self._inspection(service, framework, day, quality)
            day += timedelta(days=self.rng.randint(300, 430))

    @transaction.atomic
    def _inspection(
        self, service: YouthJusticeService, framework: Framework, start: date, quality: float
    ) -> None:
        end = start + timedelta(days=4)
        published_on = end + timedelta(days=self.rng.randint(50, 90))
        published = published_on <= self.today
        inspection = Inspection.objects.create(
            service=service,
            framework_id=framework.id,
            fieldwork_start=start,
            fieldwork_end=end,
            status=Status.PUBLISHED if published else Status.FIELDWORK,
            created_by=self.lead,
        )
        seed = self.rng.randrange(1, 2**31)
        size = int(min(900, max(60, self.rng.lognormvariate(5.5, 0.5))))
        listed = caseload_rows(size, fieldwork=start, seed=seed)
        records = parse_caseload(
            cast(list[Mapping[str | None, Any]], listed), header=CASELOAD_HEADER
        )
        cases = Case.objects.bulk_create(Case.from_record(inspection, CASELOAD, c) for c in records)
        by_ref = {c.case_ref: c for c in cases}
        drawn = [draw_sample(framework, records, fieldwork=start, seed=seed)]
        if any(p.source == VICTIMS for p in framework.sampling.populations):  # type: ignore[union-attr]
            text = victims_csv(max(12, size // 8), fieldwork=start, seed=seed)
            lines = [line.split(",") for line in text.strip().splitlines()]
            victims = parse_victims(lines[0], lines[1:])
            made = Case.objects.bulk_create(
                Case.from_record(inspection, VICTIMS, v) for v in victims
            )
            by_ref.update({c.case_ref: c for c in made})
            drawn.append(
                draw_sample(framework, victims, fieldwork=start, seed=seed, source=VICTIMS)
            )
        sampled = SampledCase.objects.bulk_create(
            SampledCase(
                inspection=inspection,
                case=by_ref[chosen.case.case_ref],
                population=population.population.id,
                stratum=" / ".join(chosen.stratum),
                assessor=self.inspector,
            )
            for result in drawn
            for population in result.populations
            for chosen in population.chosen
        )
        counts = self._assess(framework, sampled, quality)
        self.loaded.cases += len(cases)
        self.loaded.inspections += 1
        if not published:
            return
        given = self._ratings_given(framework, counts, quality)
        overall = None
        if framework.overall_method.value == "recorded_judgement":
            overall = RecordedOverall(self._judgement(framework, quality), "Synthetic judgement")
        result = rate_inspection(framework, given, overall)
        inspection.published_ratings = {
            language: result_json(framework, result, language) for language in ("en", "cy")
        }
        inspection.save(update_fields=["published_ratings"])
        self._alerts_and_plan(inspection, sampled, quality, published_on)
        refresh(inspection, published_on)
        self.loaded.published += 1

    def _assess(
        self, framework: Framework, sampled: list[SampledCase], quality: float
    ) -> dict[str, dict[str, list[int]]]:
        """Answer every case standard's key questions for each sampled case; returns, per
        standard and key question, [yes, no]."""
        by_population: dict[str, list[Any]] = {}
        for domain in framework.domains:
            if domain.population:
                by_population.setdefault(domain.population, []).extend(
                    s for s in domain.standards if s.basis is Basis.CASE
                )
        hard = {
            kq.id: self.rng.uniform(-0.2, 0.08)
            for s in framework.standards
            for kq in s.key_questions
        }
        assessments, answer_values = [], []
        for case in sampled:
            for standard in by_population.get(case.population, []):
                assessments.append(
                    CaseAssessment(
                        sampled_case=case,
                        standard_id=standard.id,
                        assessor=self.inspector,
                        state=CaseAssessment.State.SUBMITTED,
                        case_manager_present=self.rng.random() < 0.8,
                    )
                )
                values = []
                for question in standard.key_questions:
                    roll = self.rng.random()
                    value = (
                        "na"
                        if roll < 0.04
                        else ("yes" if roll < quality + hard[question.id] else "no")
                    )
                    values.append((question.id, value))
                answer_values.append(values)
        made = CaseAssessment.objects.bulk_create(assessments, batch_size=2000)
        counts: dict[str, dict[str, list[int]]] = {}
        answers = []
        for assessment, values in zip(made, answer_values, strict=True):
            for kq_id, value in values:
                answers.append(Answer(assessment=assessment, key_question_id=kq_id, value=value))
                if value != "na":
                    cell = counts.setdefault(assessment.standard_id, {}).setdefault(kq_id, [0, 0])
                    cell[0 if value == "yes" else 1] += 1
        Answer.objects.bulk_create(answers, batch_size=5000)
        self.loaded.answers += len(answers)
        return counts

    def _judgement(self, framework: Framework, quality: float) -> str:
        levels = [level.id for level in framework.scale]
        position = (1 - quality) * len(levels) + self.rng.gauss(0, 0.6)
        return levels[min(len(levels) - 1, max(0, int(position)))]

    def _ratings_given(
        self, framework: Framework, counts: dict[str, dict[str, list[int]]], quality: float
    ) -> dict[str, StandardInput]:
        given: dict[str, StandardInput] = {}
        for standard in framework.standards:
            if standard.basis is Basis.CASE:
                found = counts.get(standard.id)
                if found:
                    given[standard.id] = StandardInput(
                        key_questions={
                            kq: KeyQuestionCount(yes, no) for kq, (yes, no) in found.items()
                        }
                    )
                else:
                    given[standard.id] = StandardInput(
                        not_rated_reason=framework.not_rated_reasons[0].id
                    )
            else:
                given[standard.id] = StandardInput(rating=self._judgement(framework, quality))
        return given

    def _alerts_and_plan(
        self, inspection: Inspection, sampled: list[SampledCase], quality: float, published_on: date
    ) -> None:
        raised = timezone.make_aware(
            datetime.combine(inspection.fieldwork_start, datetime.min.time())
        )
        alerts = int(self.rng.expovariate(1 / max(0.2, (1 - quality) * 4)))
        for number in range(1, min(alerts, len(sampled)) + 1):
            CaseAlert.objects.create(
                inspection=inspection,
                number=number,
                kind=self.rng.choice(CaseAlert.Kind.values),
                severity=self.rng.choice(CaseAlert.Severity.values),
                themes=[self.rng.choice(CaseAlert.Theme.values)],
                found="Synthetic alert.",
                state=CaseAlert.State.CLOSED,
                raised_by=self.lead,
                raised_at=raised,
            )
        for number in range(1, self.rng.randint(3, 6) + 1):
            recommendation = Recommendation.objects.create(
                inspection=inspection,
                body=self.rng.choice(Body.values),
                text=f"Synthetic recommendation {number}.",
                number=number,
                by=self.lead,
            )
            for part in range(self.rng.randint(1, 3)):
                due = published_on + timedelta(days=self.rng.randint(60, 540))
                age = (self.today - published_on).days
                done = due < self.today and self.rng.random() < min(0.95, 0.3 + age / 900)
                ImprovementAction.objects.create(
                    inspection=inspection,
                    recommendation=recommendation,
                    action=f"Synthetic action {number}.{part + 1}.",
                    owner="Head of Service",
                    due=due,
                    status=ImprovementAction.Status.DONE
                    if done
                    else self.rng.choice(
                        (ImprovementAction.Status.IN_PROGRESS, ImprovementAction.Status.NOT_STARTED)
                    ),
                    updated_by=self.lead,
                )

    def _population(self, service: YouthJusticeService) -> None:
        """The area's children aged 10 to 17 by ethnic group, as the Census would count them
        (made up: London's mix is the most varied, Wales's the least)."""
        children = self.rng.randint(8000, 60000)
        shares: dict[str, float] = {Region.LONDON: 0.45, Region.WALES: 0.92}
        white = shares.get(service.region, 0.82)
        white = min(0.97, max(0.3, self.rng.gauss(white, 0.04)))
        rest = {"asian": 0.45, "black": 0.2, "mixed": 0.25, "other": 0.1}
        counts = {"white": int(children * white)}
        counts.update({g: int(children * (1 - white) * share) for g, share in rest.items()})
        PopulationEstimate.objects.bulk_create(
            PopulationEstimate(service=service, group=g, children=n, scheme=SCHEME)
            for g, n in counts.items()
        )

    def _measures(
        self, service: YouthJusticeService, quality: float, start: date, end: date
    ) -> None:
        """Quarterly returns for every imported measure: the national indicators and KPIs."""
        rows = []
        quarter = Quarter.containing(start)
        last = Quarter.containing(end)
        children = self.rng.randint(8000, 60000)  # aged 10 to 17 in the area
        caseload = max(20, children // 250)
        while quarter <= last:
            for m in measures():
                if m.source != "import":
                    continue
                for part in m.parts:
                    if m.per == 100000:
                        numerator, denominator = (
                            int(children * self.rng.uniform(0.0005, 0.0025)),
                            children,
                        )
                    elif m.per == 1000:
                        numerator, denominator = (
                            int(children * self.rng.uniform(0.0, 0.0006)),
                            children,
                        )
                    else:
                        denominator = caseload
                        share = quality if m.id != "reoffending" else 1 - quality * 0.7
                        numerator = min(
                            denominator, max(0, int(denominator * self.rng.gauss(share, 0.08)))
                        )
                    rows.append(
                        MeasureValue(
                            service=service,
                            quarter=str(quarter),
                            measure=m.id,
                            part=part.id,
                            numerator=numerator,
                            denominator=denominator,
                            imported_by=self.lead,
                        )
                    )
            quarter = quarter.next()
        MeasureValue.objects.bulk_create(rows, batch_size=5000)
        self.loaded.measure_values += len(rows)


def load_national(
    services: int, years: int, seed: int, progress: Callable[[str], None] = print
) -> Loaded:
    if YouthJusticeService.objects.filter(
        name__startswith=f"{PREFIX} ", name__contains=f" YJS {seed}-"
    ).exists():
        raise ValueError(f"a national dataset with seed {seed} is already loaded")
    loaded = Generator(services, years, seed, progress).run()
    bump()  # rows were written in bulk, without the signals that make cached pages stale
    return loaded
