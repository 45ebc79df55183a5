"""Rate an inspection with the engine from its evidence, record judgements and overrides,
and sign the ratings off."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from yjinspect.audit.services import record
from yjinspect.cases.assessment import key_question_counts, key_question_counts_by
from yjinspect.engine import (
    NOT_RATED,
    Basis,
    InspectionRating,
    KeyQuestionCount,
    OverallMethod,
    RecordedOverall,
    StandardInput,
    framework_digest,
    rate_inspection,
    result_json,
)
from yjinspect.inspections.lifecycle import Operation, requirement
from yjinspect.inspections.lifecycle import check as check_stage
from yjinspect.inspections.models import Inspection
from yjinspect.inspections.permissions import require
from yjinspect.versioning import save_versioned

from .models import JudgementRating, OverallJudgement, RatingOverride, SignOff


@dataclass(frozen=True)
class LiveRatings:
    result: InspectionRating
    json: dict[str, Any]  # the engine's JSON, with reasons in the page's language
    fingerprint: str
    sign_off: SignOff | None  # the latest sign-off, current or not
    overall: OverallJudgement | None  # the team's recorded overall, where the framework has one
    stale_overrides: list[str]  # overrides left with no case to rest on (not applied)
    blockers: list[str]  # what stops a sign-off, in words

    @property
    def signed_off(self) -> bool:
        return self.sign_off is not None and self.sign_off.fingerprint == self.fingerprint

    @property
    def reopened(self) -> bool:
        """Signed off once, but a figure, rating or reason has changed since."""
        return self.sign_off is not None and not self.signed_off


@dataclass(frozen=True)
class _Records:
    """Everything recorded about an inspection's ratings, read once."""

    counts: dict[str, dict[str, KeyQuestionCount]]
    judgements: dict[str, JudgementRating]
    overrides: dict[str, RatingOverride]
    overall: OverallJudgement | None


def _records(inspection: Inspection) -> _Records:
    return _Records(
        counts=key_question_counts(inspection),
        judgements={
            j.standard_id: j for j in JudgementRating.objects.filter(inspection=inspection)
        },
        overrides={o.standard_id: o for o in RatingOverride.objects.filter(inspection=inspection)},
        overall=OverallJudgement.objects.filter(inspection=inspection).first(),
    )


def _has_applicable_cases(counts: dict[str, KeyQuestionCount] | None) -> bool:
    return any(count.applicable for count in (counts or {}).values())


def _note(inspection: Inspection, reason_id: str, words: str) -> str | None:
    """The words shown with a not-rated reason: only where the reason needs its own."""
    reason = inspection.framework.not_rated_reason(reason_id)
    return words if reason is not None and reason.needs_note else None


def evidence(inspection: Inspection) -> dict[str, StandardInput]:
    """The engine's input: counts from submitted assessments, judgements and overrides."""
    return _evidence(inspection, _records(inspection))


def _evidence(inspection: Inspection, records: _Records) -> dict[str, StandardInput]:
    given: dict[str, StandardInput] = {}
    for standard in inspection.framework.standards:
        if standard.basis is Basis.CASE:
            kq_counts = records.counts.get(standard.id)
            override = records.overrides.get(standard.id)
            if override is not None and override.not_rated_reason:
                given[standard.id] = StandardInput(
                    key_questions=kq_counts,
                    rating=NOT_RATED,
                    not_rated_reason=override.not_rated_reason,
                    note=_note(inspection, override.not_rated_reason, override.reason),
                )
                continue
            if override is not None and not _has_applicable_cases(kq_counts):
                # Left behind when its cases went (a reopened assessment): nothing to
                # override. The page lists it and sign-off waits until it is removed.
                override = None
            if kq_counts is None and override is None:
                continue
            given[standard.id] = StandardInput(
                key_questions=kq_counts,
                rating=override.rating if override else None,
                override_reason=override.reason if override else None,
            )
        else:
            # A judgement standard assessed in cases carries its figures beside the rating.
            figures = records.counts.get(standard.id) if standard.assessed_in_cases else None
            judgement = records.judgements.get(standard.id)
            if judgement is None:
                if figures is not None:
                    given[standard.id] = StandardInput(key_questions=figures)
            elif judgement.not_rated_reason:
                given[standard.id] = StandardInput(
                    key_questions=figures,
                    rating=NOT_RATED,
                    not_rated_reason=judgement.not_rated_reason,
                    note=_note(inspection, judgement.not_rated_reason, judgement.reasons),
                )
            else:
                given[standard.id] = StandardInput(key_questions=figures, rating=judgement.rating)
    return given


def _stale_overrides(records: _Records) -> list[str]:
    """Standards with an override but no sampled case to which any key question applies."""
    return [
        sid
        for sid, override in sorted(records.overrides.items())
        if not override.not_rated_reason and not _has_applicable_cases(records.counts.get(sid))
    ]


def _recorded_overall(records: _Records) -> RecordedOverall | None:
    if records.overall is None:
        return None
    return RecordedOverall(records.overall.rating, records.overall.reasons)


def _signed_inputs(
    inspection: Inspection, records: _Records | None = None
) -> tuple[dict[str, StandardInput], RecordedOverall | None, dict[str, Any]]:
    """The engine's input, and everything a sign-off vouches for (one read of the records)."""
    records = records or _records(inspection)
    given = _evidence(inspection, records)
    overall = _recorded_overall(records)
    return given, overall, _plain(inspection, given, records, overall)


def _plain(
    inspection: Inspection,
    given: dict[str, StandardInput],
    records: _Records,
    overall: RecordedOverall | None,
) -> dict[str, Any]:
    """Everything a sign-off vouches for, as plain data: the framework (and its file's hash),
    each standard's counts, rating, override or not-rated reason, the judgements' reasons and
    any recorded overall."""
    reasons = {sid: j.reasons for sid, j in records.judgements.items()}
    plain: dict[str, Any] = {
        "framework": inspection.framework_id,
        "framework_sha256": framework_digest(inspection.framework_id),
        "standards": {
            sid: _plain_standard(g, reasons.get(sid)) for sid, g in sorted(given.items())
        },
    }
    if overall is not None:
        plain["overall"] = {"rating": overall.rating, "reasons": overall.reason}
    return plain


def _plain_standard(given: StandardInput, reasons: str | None) -> dict[str, Any]:
    plain = {
        "key_questions": {k: list(c) for k, c in (given.key_questions or {}).items()},
        "rating": given.rating,
        "override_reason": given.override_reason,
        "reasons": reasons,
    }
    # Only when set, so a sign-off made before these existed still matches its evidence.
    if given.not_rated_reason is not None:
        plain["not_rated_reason"] = given.not_rated_reason
        plain["note"] = given.note
    return plain


def _fingerprint(plain: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(plain, sort_keys=True).encode()).hexdigest()


def _results_by(inspection: Inspection) -> dict[str, dict[str, dict[str, KeyQuestionCount]]]:
    """Where a domain shows its case results apart (court and out-of-court), the counts of
    each of its standards' key questions by that field."""
    wanted = {
        s.id: domain.results_by
        for domain in inspection.framework.domains
        if domain.results_by
        for s in domain.standards
    }
    split = {field: key_question_counts_by(inspection, field) for field in set(wanted.values())}
    return {sid: split[field].get(sid, {}) for sid, field in wanted.items()}


def _ratings_json(
    inspection: Inspection, result: InspectionRating, language: str, split: dict[str, Any]
) -> dict[str, Any]:
    """The engine's JSON, with each key question's figures apart where the domain shows
    them so ("by": {"court": {...}, "out_of_court": {...}})."""
    framework = inspection.framework
    rated = result_json(framework, result, language)
    display = framework.percent_display
    for sid, by_kq in split.items():
        entry = rated["standards"][sid].get("key_questions")
        if not entry:
            continue
        for kq_id, by_value in by_kq.items():
            if kq_id in entry:
                entry[kq_id]["by"] = {
                    value: {
                        "yes": count.yes,
                        "no": count.no,
                        "applicable": count.applicable,
                        "percent": count.percent(display),
                    }
                    for value, count in sorted(by_value.items())
                }
    return rated


def live_ratings(inspection: Inspection, language: str = "en") -> LiveRatings:
    records = _records(inspection)
    given, overall, plain = _signed_inputs(inspection, records)
    result = rate_inspection(inspection.framework, given, overall)
    return LiveRatings(
        result=result,
        json=_ratings_json(inspection, result, language, _results_by(inspection)),
        fingerprint=_fingerprint(plain),
        sign_off=_latest_sign_off(inspection),
        overall=records.overall,
        stale_overrides=_stale_overrides(records),
        blockers=_blockers(inspection, records),
    )


def _latest_sign_off(inspection: Inspection) -> SignOff | None:
    return SignOff.objects.filter(inspection=inspection).select_related("by").first()


def current_sign_off(inspection: Inspection) -> SignOff | None:
    """The latest sign-off if nothing it vouches for has changed since; else None. Compares
    fingerprints only: no rating is computed."""
    latest = _latest_sign_off(inspection)
    if latest is None or latest.fingerprint != _fingerprint(_signed_inputs(inspection)[2]):
        return None
    return latest


@requirement("sign_off_current")
def _sign_off_is_current(inspection: Inspection) -> str | None:
    if current_sign_off(inspection) is not None:
        return None
    if _latest_sign_off(inspection) is not None:
        return _("Sign the ratings off again: they changed after the last sign-off.")
    return _("Sign the ratings off.")


def shown_ratings(inspection: Inspection, language: str) -> dict[str, Any]:
    """The ratings as people should see them: once published, the published copy (never
    re-rated); before, live from the engine."""
    if inspection.published_ratings is not None:
        published: dict[str, Any] = inspection.published_ratings["cy" if language == "cy" else "en"]
        return published
    return live_ratings(inspection, language).json


def _checked(
    inspection: Inspection,
    standard_id: str,
    rating: str,
    basis: Basis,
    why: str,
    not_rated_reason: str = "",
) -> str:
    """The reason, stripped, once the standard, rating and basis are known to fit (and, for
    "not rated", one of the framework's reasons is given)."""
    framework = inspection.framework
    if not framework.has_standard(standard_id):
        raise ValidationError(_("Unknown standard %(id)s") % {"id": standard_id})
    if rating == NOT_RATED:
        if framework.not_rated_reason(not_rated_reason) is None:
            raise ValidationError(_("Choose why the standard is not rated"))
    elif not framework.has_level(rating):
        raise ValidationError(_("Choose a rating"))
    elif not_rated_reason:
        raise ValidationError(_("A reason for not rating goes only with “Not rated”"))
    if framework.standard(standard_id).basis is not basis:
        raise ValidationError(
            _("This standard is rated from case assessments")
            if basis is Basis.JUDGEMENT
            else _("Judgement standards are rated by the team, not overridden")
        )
    if not why.strip():
        raise ValidationError(
            _("Enter the reasons for the rating")
            if basis is Basis.JUDGEMENT or rating == NOT_RATED
            else _("Enter the reason for the override; it is shown with the rating")
        )
    return why.strip()


@transaction.atomic
def record_judgement(
    user: User,
    inspection: Inspection,
    standard_id: str,
    rating: str,
    reasons: str,
    version: int | None = None,
    not_rated_reason: str = "",
) -> JudgementRating:
    """The team's rating of a judgement standard, with its reasons: a rating always rests on
    written reasons (and the evidence items recorded against the standard), and "not rated"
    names one of the framework's reasons."""
    require(user, "judgement.record", inspection)
    check_stage(inspection, Operation.RATE)
    reasons = _checked(inspection, standard_id, rating, Basis.JUDGEMENT, reasons, not_rated_reason)
    judgement, changed = save_versioned(
        JudgementRating,
        {"inspection": inspection, "standard_id": standard_id},
        version,
        {
            "rating": rating,
            "reasons": reasons,
            "not_rated_reason": not_rated_reason if rating == NOT_RATED else "",
            "by": user,
        },
    )
    record(
        user,
        "rating.judgement_recorded",
        judgement,
        inspection_id=inspection.pk,
        standard=standard_id,
        **changed,
    )
    return judgement


@transaction.atomic
def set_override(
    user: User,
    inspection: Inspection,
    standard_id: str,
    rating: str,
    reason: str,
    version: int | None = None,
    not_rated_reason: str = "",
) -> RatingOverride:
    """The lead inspector's rating in place of a computed one, with a mandatory reason; or the
    standard recorded as not rated, with one of the framework's reasons. An override needs
    cases to override: with none, "not rated" is the only thing to record."""
    require(user, "ratings.rate", inspection)
    check_stage(inspection, Operation.RATE)
    reason = _checked(inspection, standard_id, rating, Basis.CASE, reason, not_rated_reason)
    if rating != NOT_RATED and not _has_applicable_cases(
        key_question_counts(inspection).get(standard_id)
    ):
        raise ValidationError(
            _(
                "No assessed case applies to %(id)s, so there is no rating to override. "
                "Record it as not rated, with the reason, instead."
            )
            % {"id": standard_id}
        )
    override, changed = save_versioned(
        RatingOverride,
        {"inspection": inspection, "standard_id": standard_id},
        version,
        {
            "rating": rating,
            "reason": reason,
            "not_rated_reason": not_rated_reason if rating == NOT_RATED else "",
            "by": user,
        },
    )
    record(
        user,
        "rating.overridden",
        override,
        inspection_id=inspection.pk,
        standard=standard_id,
        **changed,
    )
    return override


@transaction.atomic
def remove_override(user: User, inspection: Inspection, standard_id: str) -> None:
    require(user, "ratings.rate", inspection)
    check_stage(inspection, Operation.RATE)
    override = RatingOverride.objects.filter(inspection=inspection, standard_id=standard_id).first()
    if override is not None:
        record(
            user,
            "rating.override_removed",
            override,
            inspection_id=inspection.pk,
            standard=standard_id,
        )
        override.delete()


@transaction.atomic
def record_overall(
    user: User, inspection: Inspection, rating: str, reasons: str, version: int | None = None
) -> OverallJudgement:
    """The team's overall rating where the framework's overall is a recorded judgement."""
    require(user, "ratings.rate", inspection)
    check_stage(inspection, Operation.RATE)
    framework = inspection.framework
    if framework.overall_method is not OverallMethod.RECORDED_JUDGEMENT:
        raise ValidationError(
            _(
                "This framework's overall rating is not recorded by the team: it follows "
                "from the standards."
            )
        )
    if not framework.has_level(rating):
        raise ValidationError(_("Choose a rating"))
    if not reasons.strip():
        raise ValidationError(_("Enter the reasons for the rating"))
    overall, changed = save_versioned(
        OverallJudgement,
        {"inspection": inspection},
        version,
        {"rating": rating, "reasons": reasons.strip(), "by": user},
    )
    record(user, "rating.overall_recorded", overall, inspection_id=inspection.pk, **changed)
    return overall


def _blockers(inspection: Inspection, records: _Records) -> list[str]:
    """What stops the ratings being signed off, in words (empty when nothing does)."""
    blockers = [
        _("Remove the override on %(id)s: no assessed case applies to it any more.") % {"id": sid}
        for sid in _stale_overrides(records)
    ]
    if (
        inspection.framework.overall_method is OverallMethod.RECORDED_JUDGEMENT
        and records.overall is None
    ):
        blockers.append(_("Record the overall rating and the reasons for it."))
    return blockers


@transaction.atomic
def sign_off(user: User, inspection: Inspection) -> SignOff:
    """Freeze what is signed: every standard's rating, basis, key-question counts, overrides
    and reasons, the score and overall (in both languages), the framework and its file hash."""
    require(user, "ratings.rate", inspection)
    check_stage(inspection, Operation.SIGN_OFF)
    records = _records(inspection)
    blockers = _blockers(inspection, records)
    if blockers:
        raise ValidationError(" ".join(blockers))
    given, overall, plain = _signed_inputs(inspection, records)
    fingerprint = _fingerprint(plain)
    latest = _latest_sign_off(inspection)
    if latest is not None and latest.fingerprint == fingerprint:
        raise ValidationError(_("The ratings are already signed off"))
    result = rate_inspection(inspection.framework, given, overall)
    split = _results_by(inspection)
    snapshot = {
        "ratings": {lang: _ratings_json(inspection, result, lang, split) for lang in ("en", "cy")},
        "evidence": plain,
        "score": result.score,
        "overall": result.overall,
    }
    signed = SignOff.objects.create(
        inspection=inspection, by=user, snapshot=snapshot, fingerprint=fingerprint
    )
    record(
        user,
        "rating.signed_off",
        signed,
        inspection_id=inspection.pk,
        score=result.score,
        overall=result.overall,
        framework_sha256=plain["framework_sha256"],
    )
    return signed
