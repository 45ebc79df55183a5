"""Rate standards and inspections: the single source of rating truth for pages, API, reports
and CLI. Every threshold and band comes from the framework; this module holds only the method."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import StrEnum
from types import MappingProxyType
from typing import NamedTuple

from .errors import RatingInputError
from .framework import Basis, Framework, OverallMethod, PercentDisplay, Standard

YES = "yes"
NO = "no"
NOT_APPLICABLE = "na"
ANSWERS = (YES, NO, NOT_APPLICABLE)
NOT_RATED = "not_rated"


# The value types below are NamedTuples, not frozen dataclasses: they are built hundreds of
# thousands of times when a dashboard rates every inspection, and a frozen dataclass's __init__
# costs several times as much (bench/engine.py). On the hottest paths they are built with
# tuple.__new__ directly (``_new``), which skips the generated __new__'s Python frame.
_new = tuple.__new__


class KeyQuestionCount(NamedTuple):
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


def rate_answers(framework: Framework, answers: Mapping[str, Sequence[str]]) -> InspectionRating:
    """Rate an inspection's case standards from each key question's answers across the sampled
    cases (``yes``/``no``/``na``, one per case); judgement standards are not rated.

    The same rules as :func:`rate_inspection`, taking answers rather than counts, for callers
    that hold the answers (moderation, bulk re-rating) without building counts first.
    """
    results: dict[str, StandardRating] = {}
    matched = 0
    for standard in framework.standards:
        if standard.basis is Basis.CASE:
            counts = {}
            for kq_id in standard.key_question_ids:
                column = answers.get(kq_id)
                if column is not None:
                    counts[kq_id] = _new(KeyQuestionCount, (column.count(YES), column.count(NO)))
            matched += len(counts)
            if counts:
                results[standard.id] = _rate_from_counts(framework, standard, counts)
                continue
        results[standard.id] = StandardRating(
            standard.id, NOT_RATED, RatingBasis.NOT_RATED, not_rated_because=_no_evidence
        )
    if matched != len(answers):
        unknown = next(kq for kq in answers if not _is_case_key_question(framework, kq))
        raise RatingInputError(
            f"'{unknown}' is not a key question of a case-based standard of {framework.id}",
            field=f"answers.{unknown}",
        )
    return _overall(framework, results, None)


def _is_case_key_question(framework: Framework, kq_id: str) -> bool:
    return any(kq_id in s.key_question_set for s in framework.standards if s.basis is Basis.CASE)


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
    AWAITING_JUDGEMENT = "awaiting_judgement"  # case figures in, the team's rating not yet


class StandardInput(NamedTuple):
    """What is known about one standard: key-question counts, a recorded rating, or both
    (an override, which needs a reason). A standard recorded as not rated names one of the
    framework's reasons (``not_rated_reason``), with a ``note`` where that reason needs one."""

    key_questions: Mapping[str, KeyQuestionCount] | None = None
    rating: str | None = None
    override_reason: str | None = None
    not_rated_reason: str | None = None
    note: str | None = None


class StandardRating(NamedTuple):
    """A standard's rating with everything needed to explain it."""

    standard_id: str
    rating: str  # a scale level id, or NOT_RATED
    basis: RatingBasis
    key_questions: Mapping[str, KeyQuestionCount] = MappingProxyType({})
    lowest_key_question: str | None = None
    computed_rating: str | None = None  # what the evidence gave, when overridden
    override_reason: str | None = None
    not_rated_because: NotRatedBecause | None = None
    not_rated_reason: str | None = None  # the framework's reason id, when recorded
    note: str | None = None  # words given with that reason

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


class RecordedOverall(NamedTuple):
    rating: str
    reason: str | None = None


class InspectionRating(NamedTuple):
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

    if given.rating == NOT_RATED or given.not_rated_reason is not None:
        return _recorded_not_rated(framework, standard, given)

    if standard.basis is Basis.JUDGEMENT:
        if reason is not None:
            raise RatingInputError(
                f"{sid} is a judgement standard: its rating is recorded, not overridden",
                field=f"standards.{sid}.override_reason",
            )
        counts = _judgement_case_figures(standard, given)
        recorded = _recorded(sid, given.rating)
        if not counts:
            return recorded
        if given.rating is None:
            return recorded._replace(
                key_questions=counts, not_rated_because=NotRatedBecause.AWAITING_JUDGEMENT
            )
        return recorded._replace(key_questions=counts)

    if given.key_questions is None:
        # A recorded rating for a case standard: re-scoring a published table.
        if reason is not None and given.rating is not None:
            return StandardRating(sid, given.rating, RatingBasis.OVERRIDE, override_reason=reason)
        return _recorded(sid, given.rating)

    _check_counts(standard, given.key_questions)
    computed = _rate_from_counts(framework, standard, given.key_questions)
    if given.rating is None:
        if reason is not None:
            raise RatingInputError(
                "an override reason was given without the rating it sets",
                field=f"standards.{sid}.rating",
            )
        return computed
    if computed.rating == NOT_RATED:
        raise RatingInputError(
            f"no sampled case applies to any key question of {sid}, so there is no rating to "
            "override: record it as not rated with a reason instead",
            field=f"standards.{sid}.rating",
        )
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


def _recorded_not_rated(
    framework: Framework, standard: Standard, given: StandardInput
) -> StandardRating:
    """A standard the team records as not rated: always with one of the framework's reasons,
    never together with an override, and keeping any case figures it has for the record."""
    sid = standard.id
    field = f"standards.{sid}"
    if given.rating != NOT_RATED:
        raise RatingInputError(
            f"a reason for not rating was given with the rating '{given.rating}'",
            field=f"{field}.not_rated_reason",
        )
    ids = ", ".join(r.id for r in framework.not_rated_reasons)
    if given.not_rated_reason is None:
        raise RatingInputError(
            f"say why {sid} is not rated (not_rated_reason: one of {ids})",
            field=f"{field}.not_rated_reason",
        )
    chosen = framework.not_rated_reason(given.not_rated_reason)
    if chosen is None:
        raise RatingInputError(
            f"unknown reason '{given.not_rated_reason}' (use one of: {ids})",
            field=f"{field}.not_rated_reason",
        )
    if given.override_reason is not None:
        raise RatingInputError(
            "a standard recorded as not rated is not an override: give its reason, not an "
            "override_reason",
            field=f"{field}.override_reason",
        )
    note = (given.note or "").strip() or None
    if chosen.needs_note and note is None:
        raise RatingInputError(
            f"'{chosen.id}' needs a note saying what the reason is", field=f"{field}.note"
        )
    counts = given.key_questions
    if standard.basis is Basis.JUDGEMENT:
        counts = _judgement_case_figures(standard, given)
    elif counts is not None:
        _check_counts(standard, counts)
    return StandardRating(
        sid,
        NOT_RATED,
        RatingBasis.NOT_RATED,
        key_questions=counts or MappingProxyType({}),
        not_rated_because=NotRatedBecause.RECORDED,
        not_rated_reason=chosen.id,
        note=note,
    )


def _judgement_case_figures(
    standard: Standard, given: StandardInput
) -> Mapping[str, KeyQuestionCount] | None:
    """A judgement standard's case figures, where its key questions are answered case by case:
    shown beside the team's rating as the evidence behind it, never banded into one."""
    if given.key_questions is None:
        return None
    if not standard.assessed_in_cases:
        raise RatingInputError(
            f"{standard.id} is a judgement standard: give the team's rating, not key-question "
            "counts",
            field=f"standards.{standard.id}.key_questions",
        )
    _check_counts(standard, given.key_questions)
    return given.key_questions


def _recorded(sid: str, rating: str | None) -> StandardRating:
    if rating is None or rating == NOT_RATED:
        return StandardRating(
            sid, NOT_RATED, RatingBasis.NOT_RATED, not_rated_because=NotRatedBecause.RECORDED
        )
    return StandardRating(sid, rating, RatingBasis.RECORDED)


def _check_counts(standard: Standard, counts: Mapping[str, KeyQuestionCount]) -> None:
    for kq_id, (yes, no) in counts.items():
        field = f"standards.{standard.id}.key_questions.{kq_id}"
        if kq_id not in standard.key_question_set:
            raise RatingInputError(
                f"'{kq_id}' is not a key question of {standard.id} "
                f"(its key questions: {', '.join(standard.key_question_ids)})",
                field=field,
            )
        if yes < 0 or no < 0:
            raise RatingInputError("counts must not be negative", field=field)


def _rate_from_counts(
    framework: Framework, standard: Standard, counts: Mapping[str, KeyQuestionCount]
) -> StandardRating:
    """The rule: the lowest fraction yes/applicable, found in framework order by
    cross-multiplying (exact, no floats), banded by the framework's thresholds. ``counts`` must
    already be checked (:func:`_check_counts`)."""
    lowest_id: str | None = None
    low_yes = 0
    low_total = 1
    for kq_id in standard.key_question_ids:
        count = counts.get(kq_id)
        if count is None:
            continue
        yes, no = count
        total = yes + no
        if total and (lowest_id is None or yes * low_total < low_yes * total):
            lowest_id, low_yes, low_total = kq_id, yes, total
    if lowest_id is None:
        return StandardRating(
            standard.id,
            NOT_RATED,
            RatingBasis.NOT_RATED,
            key_questions=counts,
            not_rated_because=NotRatedBecause.NO_APPLICABLE_CASES,
        )
    for min_percent, band_rating in framework.case_thresholds:
        if low_yes * 100 >= min_percent * low_total:
            rating = band_rating
            break
    else:  # pragma: no cover - the loader guarantees a last band at 0%
        raise AssertionError("case bands do not reach 0%")
    # Field order: standard_id, rating, basis, key_questions, lowest_key_question,
    # computed_rating, override_reason, not_rated_because, not_rated_reason, note.
    return _new(
        StandardRating,
        (
            standard.id,
            rating,
            RatingBasis.KEY_QUESTIONS,
            counts,
            lowest_id,
            None,
            None,
            None,
            None,
            None,
        ),
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
    points = framework.points
    for sid in framework.scored_ids:
        rating = results[sid].rating
        if rating == NOT_RATED:
            unrated.append(sid)
        else:
            score += points[rating]
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
