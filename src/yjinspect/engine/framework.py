"""The shape of an inspection framework once loaded: plain, immutable data.

Everything the rules need (scale, bands, which standards count towards the score) lives here,
read from a framework file; no rule in the engine names a standard or a threshold itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum


class Basis(StrEnum):
    """How a standard gets its rating."""

    CASE = "case"  # from the share of sampled cases judged sufficient, key question by key question
    JUDGEMENT = "judgement"  # recorded by the team from all the evidence


class OverallMethod(StrEnum):
    """How a framework arrives at an overall rating."""

    SUM_OF_POINTS = "sum_of_points"  # add the points of the scored standards, band the sum
    RECORDED_JUDGEMENT = "recorded_judgement"  # the team records it; no published arithmetic
    NONE = "none"  # the framework gives no overall rating


class PercentDisplay(StrEnum):
    """How an exact key-question fraction is shown as a whole percentage."""

    FLOOR = "floor"  # never shows a figure that reaches a band the fraction does not
    NEAREST = "nearest"  # halves round up


@dataclass(frozen=True, slots=True)
class Text:
    """A string in English and Welsh."""

    en: str
    cy: str

    def get(self, language: str) -> str:
        return self.cy if language == "cy" else self.en


@dataclass(frozen=True, slots=True)
class RatingLevel:
    """One step of a framework's rating scale."""

    id: str
    title: Text
    points: int | None


@dataclass(frozen=True, slots=True)
class NotRatedReason:
    """Why a standard may be recorded as not rated (a small service, no cases of this kind);
    ``needs_note`` when the reason means nothing without words of its own ("other")."""

    id: str
    title: Text
    needs_note: bool = False


@dataclass(frozen=True, slots=True)
class CaseBand:
    """A case-based standard reaches ``rating`` when its lowest key question is at least
    ``min_percent`` per cent (compared exactly, never after rounding)."""

    rating: str
    min_percent: int


@dataclass(frozen=True, slots=True)
class OverallBand:
    """A score from ``min_score`` to ``max_score`` inclusive gives ``rating``."""

    rating: str
    min_score: int
    max_score: int


@dataclass(frozen=True, slots=True)
class Window:
    """Cases whose disposal started between ``months_before_from`` and ``months_before_to``
    months before fieldwork (inclusive) are eligible for the sample."""

    months_before_from: int
    months_before_to: int


@dataclass(frozen=True, slots=True)
class SamplePopulation:
    """One population the case sample is drawn from, e.g. court disposals.

    ``source`` is ``caseload`` when it is drawn from the service's caseload list; other
    sources (a victims list) are sized by the same rules but need their own list.
    """

    id: str
    title: Text
    source: str
    windows: dict[str, Window]  # by disposal ("court", "out_of_court")
    min_size: int
    max_size: int
    strata: tuple[str, ...] = ()  # what the population is stratified by
    # Narrower populations (the national standards' secure settings): only cases whose
    # disposal type is one of ``only_disposal_types``, or none of ``except_disposal_types``
    # (compared without regard to case).
    only_disposal_types: tuple[str, ...] = ()
    except_disposal_types: tuple[str, ...] = ()

    def admits_type(self, disposal_type: str) -> bool:
        kind = disposal_type.strip().casefold()
        if self.only_disposal_types and kind not in self.only_disposal_types:
            return False
        return kind not in self.except_disposal_types


class SizeRule(StrEnum):
    """How many cases a population's sample takes."""

    # Enough to estimate a proportion within a margin at a confidence (the inspectorate's).
    CONFIDENCE = "confidence"
    # A share of the relevant cases with a minimum (the national standards' case audit).
    SHARE = "share"


@dataclass(frozen=True, slots=True)
class Sampling:
    confidence: float | None
    margin: float | None
    strata: tuple[str, ...]
    populations: tuple[SamplePopulation, ...]
    provenance: str
    share: float | None = None  # the share of relevant cases, with SizeRule.SHARE

    @property
    def size_rule(self) -> SizeRule:
        return SizeRule.SHARE if self.share is not None else SizeRule.CONFIDENCE


@dataclass(frozen=True, slots=True)
class AgeBand:
    label: str
    min_age: int
    max_age: int | None


@dataclass(frozen=True, slots=True)
class Prompt:
    text: Text


@dataclass(frozen=True, slots=True)
class KeyQuestion:
    id: str
    text: Text
    aim: str | None
    prompts: tuple[Prompt, ...]
    provenance: str


@dataclass(frozen=True, slots=True)
class Standard:
    id: str
    title: Text
    basis: Basis
    scored: bool
    key_questions: tuple[KeyQuestion, ...]
    provenance: str
    domain_id: str
    # A judgement standard whose key questions are also answered case by case (the joint
    # inspections' areas): the figures are shown beside the team's rating, never banded.
    assessed_in_cases: bool = False
    # The framework's title is generic ("Themed area"); each inspection names its own.
    title_per_inspection: bool = False
    # Which sections of the service's own records (DATA_IN_ADVANCE) its evidence page shows.
    data_in_advance: tuple[str, ...] = ()
    # Derived once: rating looks these up for every standard of every inspection.
    key_question_ids: tuple[str, ...] = field(default=(), init=False, compare=False)
    key_question_set: frozenset[str] = field(default=frozenset(), init=False, compare=False)

    def __post_init__(self) -> None:
        ids = tuple(kq.id for kq in self.key_questions)
        object.__setattr__(self, "key_question_ids", ids)
        object.__setattr__(self, "key_question_set", frozenset(ids))


# The sections of a service's own records an inspection takes as data in advance; a
# standard names those its evidence rests on.
DATA_IN_ADVANCE = (
    "caseload",
    "staffing",
    "workloads",
    "supervision",
    "board",
    "kpis",
    "information",
    "exploitation",
    "out_of_court",
    "interventions",
    "self_assessment",
)


@dataclass(frozen=True, slots=True)
class Domain:
    id: str
    title: Text
    standards: tuple[Standard, ...]
    population: str | None
    # Case results are also shown apart by this field ("disposal": court and out-of-court).
    results_by: str | None = None


@dataclass(frozen=True, slots=True)
class Framework:
    """A versioned set of standards with the rules to rate them."""

    id: str
    title: Text
    in_force_from: date
    in_force_to: date | None
    provenance: str
    scale: tuple[RatingLevel, ...]
    not_rated: Text
    # The reasons a standard may be recorded as not rated; one is required, so an unrated
    # standard always says why.
    not_rated_reasons: tuple[NotRatedReason, ...]
    case_bands: tuple[CaseBand, ...]  # highest threshold first
    percent_display: PercentDisplay
    overall_method: OverallMethod
    overall_bands: tuple[OverallBand, ...]
    aims: dict[str, Text]
    domains: tuple[Domain, ...]
    sampling: Sampling | None
    age_bands: tuple[AgeBand, ...]
    # Hours the service has to answer an alert, by severity (empty: the framework sets none).
    alert_response_hours: dict[str, int]
    alert_remind_before_hours: int | None
    # Days after publication by which the service sends its improvement plan (None: no limit).
    plan_submit_within_days: int | None
    # The published report's title ("… in {place}") and who inspects alongside, by nation.
    report_title: Text | None
    partner_inspectorates: dict[str, tuple[Text, ...]]
    # Caseload columns beyond the required ones that this framework's profile uses: a caseload
    # may carry these and no others (never a name, date of birth or address).
    optional_columns: tuple[str, ...] = ()
    # What the framework is for: an inspection by the inspectorate, or a service's
    # self-assessment (the YJB's national standards), run by the service itself.
    purpose: str = "inspection"
    _standards: dict[str, Standard] = field(default_factory=dict, repr=False, compare=False)
    _key_questions: dict[str, KeyQuestion] = field(default_factory=dict, repr=False, compare=False)
    _levels: dict[str, RatingLevel] = field(default_factory=dict, repr=False, compare=False)
    standards: tuple[Standard, ...] = field(default=(), init=False, compare=False)
    scored_standards: tuple[Standard, ...] = field(default=(), init=False, compare=False)
    score_max: int | None = field(default=None, init=False, compare=False)
    # Hot-path lookups derived from the data above.
    scored_ids: tuple[str, ...] = field(default=(), init=False, compare=False)
    points: dict[str, int] = field(default_factory=dict, init=False, compare=False)
    case_thresholds: tuple[tuple[int, str], ...] = field(default=(), init=False, compare=False)

    def __post_init__(self) -> None:
        # Lookups by id are on the rating hot path; build them once.
        for domain in self.domains:
            for standard in domain.standards:
                self._standards[standard.id] = standard
                for kq in standard.key_questions:
                    self._key_questions[kq.id] = kq
        for level in self.scale:
            self._levels[level.id] = level
        object.__setattr__(self, "standards", tuple(self._standards.values()))
        scored = tuple(s for s in self.standards if s.scored)
        object.__setattr__(self, "scored_standards", scored)
        object.__setattr__(self, "scored_ids", tuple(s.id for s in scored))
        thresholds = tuple((band.min_percent, band.rating) for band in self.case_bands)
        object.__setattr__(self, "case_thresholds", thresholds)
        self.points.update((level.id, level.points or 0) for level in self.scale)
        if self.overall_method is OverallMethod.SUM_OF_POINTS:
            # The most points the scored standards can earn (36 for 12 standards of 3).
            top = max(level.points or 0 for level in self.scale)
            object.__setattr__(self, "score_max", top * len(scored))

    def with_standard_titles(self, titles: dict[str, Text]) -> Framework:
        """This framework with the titles an inspection gave its own standards (a themed
        area); every other fact is the same."""
        if not titles:
            return self
        domains = tuple(
            replace(
                domain,
                standards=tuple(
                    replace(s, title=titles[s.id])
                    if s.id in titles and s.title_per_inspection
                    else s
                    for s in domain.standards
                ),
            )
            for domain in self.domains
        )
        return replace(self, domains=domains, _standards={}, _key_questions={}, _levels={})

    def restricted_to(self, domain_ids: tuple[str, ...]) -> Framework:
        """This framework with only the named domains (a self-assessment of one national
        standard), and only the sample populations those domains are assessed from."""
        if not domain_ids:
            return self
        domains = tuple(d for d in self.domains if d.id in domain_ids)
        sampling = self.sampling
        if sampling is not None:
            used = {d.population for d in domains}
            populations = tuple(p for p in sampling.populations if p.id in used)
            sampling = replace(sampling, populations=populations)
        return replace(
            self, domains=domains, sampling=sampling, _standards={}, _key_questions={}, _levels={}
        )

    @property
    def is_self_assessment(self) -> bool:
        return self.purpose == "self_assessment"

    @property
    def titled_per_inspection(self) -> tuple[Standard, ...]:
        return tuple(s for s in self.standards if s.title_per_inspection)

    def standard(self, standard_id: str) -> Standard:
        return self._standards[standard_id]

    def has_standard(self, standard_id: str) -> bool:
        return standard_id in self._standards

    def key_question(self, key_question_id: str) -> KeyQuestion:
        return self._key_questions[key_question_id]

    def level(self, rating_id: str) -> RatingLevel:
        return self._levels[rating_id]

    def has_level(self, rating_id: str) -> bool:
        return rating_id in self._levels

    def not_rated_reason(self, reason_id: str) -> NotRatedReason | None:
        return next((r for r in self.not_rated_reasons if r.id == reason_id), None)
