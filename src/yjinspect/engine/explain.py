"""Say why a rating is what it is, in English or Welsh: the one place these sentences live,
so the ratings page, the report, the API and the CLI all give the same reason."""

from __future__ import annotations

from .framework import Framework
from .ratings import (
    NOT_RATED,
    InspectionRating,
    NotRatedBecause,
    OverallBecause,
    RatingBasis,
    StandardRating,
)

_PHRASES: dict[str, dict[str, str]] = {
    "en": {
        "lowest": "lowest key question {kq} at {percent}% ({yes} of {total})",
        "recorded": "rating recorded by the team",
        "override": "overridden from {computed}: {reason}",
        "override_plain": "set by override: {reason}",
        "no_evidence": "no evidence recorded",
        "no_applicable": "no key question applied to any sampled case",
        "recorded_not_rated": "recorded as not rated",
        "awaiting_judgement": "case figures recorded; the team has not recorded its rating yet",
        "not_rated_because": "not rated: {reason}",
        "score": "score {score} of {max} is in the band {low}–{high} ({rating})",
        "unrated": (
            "no score or overall rating, because these are not rated: {what}. The framework "
            "defines the score out of {max} only when every scored standard is rated"
        ),
        "standard": "standard {id}",
        "domain": "domain {id} ({title})",
        "overall_recorded": "overall rating recorded by the team",
        "not_recorded": (
            "this framework's overall rating is the team's recorded judgement, "
            "and none has been recorded"
        ),
        "no_overall": "this framework gives no overall rating",
    },
    "cy": {
        "lowest": "y cwestiwn allweddol isaf, {kq}, ar {percent}% ({yes} o {total})",
        "recorded": "sgôr a gofnodwyd gan y tîm",
        "override": "wedi'i newid o {computed}: {reason}",
        "override_plain": "wedi'i gosod drwy ddiystyru: {reason}",
        "no_evidence": "dim tystiolaeth wedi'i chofnodi",
        "no_applicable": (
            "nid oedd unrhyw gwestiwn allweddol yn berthnasol i unrhyw achos yn y sampl"
        ),
        "recorded_not_rated": "cofnodwyd fel heb ei raddio",
        "awaiting_judgement": (
            "ffigurau achosion wedi'u cofnodi; nid yw'r tîm wedi cofnodi ei sgôr eto"
        ),
        "not_rated_because": "heb ei raddio: {reason}",
        "score": "mae sgôr {score} o {max} yn y band {low}–{high} ({rating})",
        "unrated": (
            "dim sgôr na sgôr gyffredinol, oherwydd nad yw'r rhain wedi'u graddio: {what}. "
            "Dim ond pan fydd pob safon a sgorir wedi'i graddio y mae'r fframwaith yn diffinio'r "
            "sgôr allan o {max}"
        ),
        "standard": "safon {id}",
        "domain": "parth {id} ({title})",
        "overall_recorded": "sgôr gyffredinol a gofnodwyd gan y tîm",
        "not_recorded": (
            "barn a gofnodir gan y tîm yw sgôr gyffredinol y fframwaith hwn, "
            "ac nid oes un wedi'i chofnodi"
        ),
        "no_overall": "nid yw'r fframwaith hwn yn rhoi sgôr gyffredinol",
    },
}


def _phrases(language: str) -> dict[str, str]:
    return _PHRASES["cy" if language == "cy" else "en"]


def rating_title(framework: Framework, rating: str | None, language: str = "en") -> str:
    """The display name of a rating id ('requires_improvement' → 'Requires improvement')."""
    if rating is None or rating == NOT_RATED:
        return framework.not_rated.get(language)
    return framework.level(rating).title.get(language)


def explain_standard(framework: Framework, result: StandardRating, language: str = "en") -> str:
    """Why this standard has its rating, e.g. 'lowest key question 2.1.2 at 60% (15 of 25)'."""
    p = _phrases(language)
    if result.basis is RatingBasis.KEY_QUESTIONS:
        return _lowest(framework, result, p)
    if result.basis is RatingBasis.RECORDED:
        return p["recorded"]
    if result.basis is RatingBasis.OVERRIDE:
        if result.computed_rating is None:
            return p["override_plain"].format(reason=result.override_reason)
        computed = rating_title(framework, result.computed_rating, language)
        because = p["override"].format(computed=computed, reason=result.override_reason)
        return f"{because}; {_lowest(framework, result, p)}" if result.lowest else because
    if result.not_rated_reason is not None:
        return _not_rated_because(framework, result, p, language)
    return {
        NotRatedBecause.NO_EVIDENCE: p["no_evidence"],
        NotRatedBecause.NO_APPLICABLE_CASES: p["no_applicable"],
        NotRatedBecause.RECORDED: p["recorded_not_rated"],
        NotRatedBecause.AWAITING_JUDGEMENT: p["awaiting_judgement"],
        None: p["no_evidence"],
    }[result.not_rated_because]


def _not_rated_because(
    framework: Framework, result: StandardRating, p: dict[str, str], language: str
) -> str:
    """'not rated: small service: too few cases to rate', with the note where one was given."""
    assert result.not_rated_reason is not None
    reason = framework.not_rated_reason(result.not_rated_reason)
    title = reason.title.get(language) if reason else result.not_rated_reason
    said = title[:1].lower() + title[1:]
    if result.note:
        said = f"{said} ({result.note})" if reason and not reason.needs_note else result.note
    return p["not_rated_because"].format(reason=said)


def _lowest(framework: Framework, result: StandardRating, p: dict[str, str]) -> str:
    count = result.lowest
    assert count is not None and result.lowest_key_question is not None
    return p["lowest"].format(
        kq=result.lowest_key_question,
        percent=count.percent(framework.percent_display),
        yes=count.yes,
        total=count.applicable,
    )


def explain_overall(framework: Framework, result: InspectionRating, language: str = "en") -> str:
    """Why the inspection has (or has not) an overall rating and a score."""
    p = _phrases(language)
    because = result.overall_because
    if because is OverallBecause.SCORE:
        band = next(b for b in framework.overall_bands if b.rating == result.overall)
        return p["score"].format(
            score=result.score,
            max=result.score_max,
            low=band.min_score,
            high=band.max_score,
            rating=rating_title(framework, result.overall, language),
        )
    if because is OverallBecause.UNRATED_STANDARDS:
        return _unrated(framework, result.unrated_standards, p, language)
    if because is OverallBecause.RECORDED:
        reason = result.overall_reason_recorded
        return f"{p['overall_recorded']}: {reason}" if reason else p["overall_recorded"]
    if because is OverallBecause.NOT_RECORDED:
        return p["not_recorded"]
    return p["no_overall"]


def _unrated(
    framework: Framework, unrated: tuple[str, ...], p: dict[str, str], language: str
) -> str:
    """Name whole domains where every scored standard is unrated (small services), then any
    other unrated standards."""
    remaining = list(unrated)
    parts: list[str] = []
    for domain in framework.domains:
        scored = [s.id for s in domain.standards if s.scored]
        if scored and all(sid in remaining for sid in scored):
            parts.append(p["domain"].format(id=domain.id, title=domain.title.get(language)))
            remaining = [sid for sid in remaining if sid not in scored]
    parts.extend(p["standard"].format(id=sid) for sid in remaining)
    return p["unrated"].format(what="; ".join(parts), max=framework.score_max)
