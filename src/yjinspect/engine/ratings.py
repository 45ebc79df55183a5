"""Rate standards and inspections: the single source of rating truth for pages, API, reports
and CLI. Every threshold and band comes from the framework; this module holds only the method."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from .errors import RatingInputError
from .framework import Basis, Framework, OverallMethod, PercentDisplay, Standard

YES = "yes"
NO = "no"
NOT_APPLICABLE = "na"
ANSWERS = (YES, NO, NOT_APPLICABLE)
NOT_RATED = "not_rated"


@dataclass(frozen=True, slots=True)
class KeyQuestionCount:
    """How many sampled cases were judged sufficient (``yes``) or not (``no``) on one key
    question. Cases where it did not apply are not counted: denominators differ by design."""

    yes: int
    no: int

    @property
    def applicable(self) -> int:
        return self.yes + self.no

    def percent(self, display: PercentDisplay = PercentDisplay.FLOOR) -> int | None:
        """The whole percentage shown to people; ``None`` when no case applied."""
        total = self.yes + self.no
        if not total:
            return None
        if display is PercentDisplay.NEAREST:
            return (self.yes * 200 + total) // (total * 2)
        return self.yes * 100 // total


def tally(answers: Sequence[str]) -> KeyQuestionCount:
    """Count one key question's answers (``yes``/``no``/``na``) across cases."""
    return KeyQuestionCount(answers.count(YES), answers.count(NO))


class RatingBasis(StrEnum):
    """Where a standard's rating came from; shown next to the rating."""

    KEY_QUESTIONS = "key_questions"  # computed from case evidence
    RECORDED = "recorded"  # recorded by the team (judgement standards; published tables)
    OVERRIDE = "override"  # set by the lead inspector in place of the computed rating
    NOT_RATED = "not_rated"


class NotRatedBecause(StrEnum):
    NO_EVIDENCE = "no_evidence"  # nothing was given for the standard
    NO_APPLICABLE_CASES = "no_applicable_cases"  # every key question had 0 applicable cases
    RECORDED = "recorded"  # the team recorded it as not rated


@dataclass(frozen=True, slots=True)
class StandardInput:
    """What is known about one standard: key-question counts, a recorded rating, or both
    (an override, which needs a reason)."""

    key_questions: Mapping[str, KeyQuestionCount] | None = None
    rating: str | None = None
    override_reason: str | None = None


@dataclass(frozen=True, slots=True)
class StandardRating:
    """A standard's rating with everything needed to explain it."""

    standard_id: str
    rating: str  # a scale level id, or NOT_RATED
    basis: RatingBasis
    key_questions: Mapping[str, KeyQuestionCount] = field(default_factory=dict)
    lowest_key_question: str | None = None
    computed_rating: str | None = None  # what the evidence gave, when overridden
    override_reason: str | None = None
    not_rated_because: NotRatedBecause | None = None

    @property
    def is_rated(self) -> bool:
        return self.rating != NOT_RATED

    @property
    def lowest(self) -> KeyQuestionCount | None:
        if self.lowest_key_question is None:
            return None
        return self.key_questions[self.lowest_key_question]


class OverallBecause(StrEnum):
    SCORE = "score"  # banded from the score
    UNRATED_STANDARDS = "unrated_standards"  # a scored standard is not rated: no score
    RECORDED = "recorded"  # the team's recorded judgement
    NOT_RECORDED = "not_recorded"  # recorded-judgement framework, nothing recorded yet
    NO_OVERALL = "no_overall"  # the framework has no overall rating


@dataclass(frozen=True, slots=True)
class RecordedOverall:
    rating: str
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class InspectionRating:
    """Every standard's rating, the score and the overall rating of one inspection."""

    framework_id: str
    standards: Mapping[str, StandardRating]
    score: int | None
    score_max: int | None
    overall: str | None
    overall_because: OverallBecause
    unrated_standards: tuple[str, ...] = ()
    overall_reason_recorded: str | None = None


def rate_standard(
    framework: Framework, standard: Standard, given: StandardInput | None
) -> StandardRating:
    """Rate one standard from what is given about it.

    A case standard is rated on its *lowest* key question, compared exactly against the
    framework's bands: 79.9% is below an 80% threshold however it is displayed.
    """
    sid = standard.id
    if given is None or (given.key_questions is None and given.rating is None):
        return StandardRating(sid, NOT_RATED, RatingBasis.NOT_RATED, not_rated_because=_no_evidence)

    if (
        given.rating is not None
        and given.rating != NOT_RATED
        and not framework.has_level(given.rating)
    ):
        levels = ", ".join([*(level.id for level in framework.scale), NOT_RATED])
        raise RatingInputError(
            f"unknown rating '{given.rating}' (use one of: {levels})",
            field=f"standards.{sid}.rating",
        )
    reason = given.override_reason
    if reason is not None and not reason.strip():
        raise RatingInputError(
            "an override needs a reason; it is shown wherever the rating is shown",
            field=f"standards.{sid}.override_reason",
        )

    if standard.basis is Basis.JUDGEMENT:
        if given.key_questions is not None:
            raise RatingInputError(
                f"{sid} is a judgement standard: give the team's rating, not key-question counts",
                field=f"standards.{sid}.key_questions",
            )
        if reason is not None:
            raise RatingInputError(
                f"{sid} is a judgement standard: its rating is recorded, not overridden",
                field=f"standards.{sid}.override_reason",
            )
        return _recorded(sid, given.rating)

    if given.key_questions is None:
        # A recorded rating for a case standard: re-scoring a published table.
        if reason is not None and given.rating is not None:
            return StandardRating(sid, given.rating, RatingBasis.OVERRIDE, override_reason=reason)
        return _recorded(sid, given.rating)

    computed = _rate_from_counts(framework, standard, given.key_questions)
    if given.rating is None:
        if reason is not None:
            raise RatingInputError(
                "an override reason was given without the rating it sets",
                field=f"standards.{sid}.rating",
            )
        return computed
    if reason is None:
        if given.rating == computed.rating:
            return computed
        raise RatingInputError(
            f"the key questions give '{computed.rating}'; to set '{given.rating}' instead "
            "give an override_reason",
            field=f"standards.{sid}.override_reason",
        )
    return StandardRating(
        sid,
        given.rating,
        RatingBasis.OVERRIDE,
        key_questions=computed.key_questions,
        lowest_key_question=computed.lowest_key_question,
        computed_rating=computed.rating,
        override_reason=reason,
    )


_no_evidence = NotRatedBecause.NO_EVIDENCE


def _recorded(sid: str, rating: str | None) -> StandardRating:
    if rating is None or rating == NOT_RATED:
        return StandardRating(
            sid, NOT_RATED, RatingBasis.NOT_RATED, not_rated_because=NotRatedBecause.RECORDED
        )
    return StandardRating(sid, rating, RatingBasis.RECORDED)


def _rate_from_counts(
    framework: Framework, standard: Standard, counts: Mapping[str, KeyQuestionCount]
) -> StandardRating:
    known = standard.key_question_set
    for kq_id, given in counts.items():
        if kq_id not in known:
            raise RatingInputError(
                f"'{kq_id}' is not a key question of {standard.id} "
                f"(its key questions: {', '.join(standard.key_question_ids)})",
                field=f"standards.{standard.id}.key_questions.{kq_id}",
            )
        if given.yes < 0 or given.no < 0:
            raise RatingInputError(
                "counts must not be negative",
                field=f"standards.{standard.id}.key_questions.{kq_id}",
            )
    # Find the lowest fraction yes/applicable by cross-multiplying: exact, no floats.
    lowest_id: str | None = None
    low_yes = 0
    low_total = 1
    for kq_id in standard.key_question_ids:
        count = counts.get(kq_id)
        if count is None:
            continue
        total = count.yes + count.no
        if total and (lowest_id is None or count.yes * low_total < low_yes * total):
            lowest_id, low_yes, low_total = kq_id, count.yes, total
    if lowest_id is None:
        return StandardRating(
            standard.id,
            NOT_RATED,
            RatingBasis.NOT_RATED,
            key_questions=counts,
            not_rated_because=NotRatedBecause.NO_APPLICABLE_CASES,
        )
    for band in framework.case_bands:
        if low_yes * 100 >= band.min_percent * low_total:
            rating = band.rating
            break
    else:  # pragma: no cover - the loader guarantees a last band at 0%
        raise AssertionError("case bands do not reach 0%")
    return StandardRating(
        standard.id,
        rating,
        RatingBasis.KEY_QUESTIONS,
        key_questions=counts,
        lowest_key_question=lowest_id,
    )


def rate_inspection(
    framework: Framework,
    given: Mapping[str, StandardInput],
    overall: RecordedOverall | None = None,
) -> InspectionRating:
    """Rate every standard of ``framework`` and derive the score and overall rating.

    Standards missing from ``given`` are not rated. Where the overall is a sum of points, any
    scored standard not rated means no score and no overall: the published rules do not say
    what the score out of 36 would be, so the engine refuses rather than guesses.
    """
    for sid in given:
        if not framework.has_standard(sid):
            raise RatingInputError(
                f"'{sid}' is not a standard of {framework.id} "
                f"(its standards: {', '.join(s.id for s in framework.standards)})",
                field=f"standards.{sid}",
            )
    results = {s.id: rate_standard(framework, s, given.get(s.id)) for s in framework.standards}
    return _overall(framework, results, overall)


def _overall(
    framework: Framework,
    results: dict[str, StandardRating],
    recorded: RecordedOverall | None,
) -> InspectionRating:
    method = framework.overall_method
    if recorded is not None:
        if method is not OverallMethod.RECORDED_JUDGEMENT:
            raise RatingInputError(
                f"{framework.id} does not take a recorded overall rating "
                f"(its overall is {method.value.replace('_', ' ')})",
                field="overall",
            )
        if not framework.has_level(recorded.rating):
            raise RatingInputError(
                f"unknown rating '{recorded.rating}' "
                f"(use one of: {', '.join(level.id for level in framework.scale)})",
                field="overall.rating",
            )
        return InspectionRating(
            framework.id,
            results,
            None,
            None,
            recorded.rating,
            OverallBecause.RECORDED,
            overall_reason_recorded=recorded.reason,
        )
    if method is OverallMethod.RECORDED_JUDGEMENT:
        return InspectionRating(
            framework.id, results, None, None, None, OverallBecause.NOT_RECORDED
        )
    if method is OverallMethod.NONE:
        return InspectionRating(framework.id, results, None, None, None, OverallBecause.NO_OVERALL)

    score = 0
    unrated: list[str] = []
    for standard in framework.scored_standards:
        result = results[standard.id]
        if result.rating == NOT_RATED:
            unrated.append(standard.id)
        else:
            score += framework.level(result.rating).points or 0
    if unrated:
        return InspectionRating(
            framework.id,
            results,
            None,
            framework.score_max,
            None,
            OverallBecause.UNRATED_STANDARDS,
            unrated_standards=tuple(unrated),
        )
    for band in framework.overall_bands:
        if band.min_score <= score <= band.max_score:
            return InspectionRating(
                framework.id, results, score, framework.score_max, band.rating, OverallBecause.SCORE
            )
    raise AssertionError(f"no overall band holds {score}")  # pragma: no cover - loader checks
