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
from yjinspect.cases.assessment import key_question_counts
from yjinspect.engine import (
    Basis,
    InspectionRating,
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

from .models import JudgementRating, RatingOverride, SignOff


@dataclass(frozen=True)
class LiveRatings:
    result: InspectionRating
    json: dict[str, Any]  # the engine's JSON, with reasons in the page's language
    fingerprint: str
    sign_off: SignOff | None  # the latest sign-off, current or not

    @property
    def signed_off(self) -> bool:
        return self.sign_off is not None and self.sign_off.fingerprint == self.fingerprint

    @property
    def reopened(self) -> bool:
        """Signed off once, but a figure, rating or reason has changed since."""
        return self.sign_off is not None and not self.signed_off


def evidence(inspection: Inspection) -> dict[str, StandardInput]:
    """The engine's input: counts from submitted assessments, judgements and overrides."""
    return _signed_inputs(inspection)[0]


def _signed_inputs(inspection: Inspection) -> tuple[dict[str, StandardInput], dict[str, Any]]:
    """The engine's input, and everything a sign-off vouches for (one read of the records)."""
    judgements = _judgements(inspection)
    given = _evidence(inspection, judgements)
    return given, _plain(inspection, given, judgements)


def _evidence(
    inspection: Inspection, judgements: dict[str, JudgementRating]
) -> dict[str, StandardInput]:
    counts = key_question_counts(inspection)
    overrides = {o.standard_id: o for o in RatingOverride.objects.filter(inspection=inspection)}
    given: dict[str, StandardInput] = {}
    for standard in inspection.framework.standards:
        override = overrides.get(standard.id)
        if standard.basis is Basis.CASE:
            kq_counts = counts.get(standard.id)
            if kq_counts is None and override is None:
                continue
            given[standard.id] = StandardInput(
                key_questions=kq_counts,
                rating=override.rating if override else None,
                override_reason=override.reason if override else None,
            )
        elif standard.id in judgements:
            given[standard.id] = StandardInput(rating=judgements[standard.id].rating)
    return given


def _judgements(inspection: Inspection) -> dict[str, JudgementRating]:
    return {j.standard_id: j for j in JudgementRating.objects.filter(inspection=inspection)}


def _plain(
    inspection: Inspection,
    given: dict[str, StandardInput],
    judgements: dict[str, JudgementRating],
) -> dict[str, Any]:
    """Everything a sign-off vouches for, as plain data: the framework (and its file's hash),
    each standard's counts, rating and override reason, and the judgements' reasons."""
    reasons = {sid: j.reasons for sid, j in judgements.items()}
    return {
        "framework": inspection.framework_id,
        "framework_sha256": framework_digest(inspection.framework_id),
        "standards": {
            sid: {
                "key_questions": {k: list(c) for k, c in (g.key_questions or {}).items()},
                "rating": g.rating,
                "override_reason": g.override_reason,
                "reasons": reasons.get(sid),
            }
            for sid, g in sorted(given.items())
        },
    }


def _fingerprint(plain: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(plain, sort_keys=True).encode()).hexdigest()


def live_ratings(inspection: Inspection, language: str = "en") -> LiveRatings:
    given, plain = _signed_inputs(inspection)
    result = rate_inspection(inspection.framework, given)
    return LiveRatings(
        result=result,
        json=result_json(inspection.framework, result, language),
        fingerprint=_fingerprint(plain),
        sign_off=_latest_sign_off(inspection),
    )


def _latest_sign_off(inspection: Inspection) -> SignOff | None:
    return SignOff.objects.filter(inspection=inspection).select_related("by").first()


def current_sign_off(inspection: Inspection) -> SignOff | None:
    """The latest sign-off if nothing it vouches for has changed since; else None. Compares
    fingerprints only: no rating is computed."""
    latest = _latest_sign_off(inspection)
    if latest is None or latest.fingerprint != _fingerprint(_signed_inputs(inspection)[1]):
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


def _checked(inspection: Inspection, standard_id: str, rating: str, basis: Basis, why: str) -> str:
    """The reason, stripped, once the standard, rating and basis are known to fit."""
    framework = inspection.framework
    if not framework.has_standard(standard_id):
        raise ValidationError(_("Unknown standard %(id)s") % {"id": standard_id})
    if not framework.has_level(rating):
        raise ValidationError(_("Choose a rating"))
    if framework.standard(standard_id).basis is not basis:
        raise ValidationError(
            _("This standard is rated from case assessments")
            if basis is Basis.JUDGEMENT
            else _("Judgement standards are rated by the team, not overridden")
        )
    if not why.strip():
        raise ValidationError(
            _("Enter the reasons for the rating")
            if basis is Basis.JUDGEMENT
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
) -> JudgementRating:
    """The team's rating of a judgement standard, with its reasons."""
    require(user, "judgement.record", inspection)
    check_stage(inspection, Operation.RATE)
    reasons = _checked(inspection, standard_id, rating, Basis.JUDGEMENT, reasons)
    judgement, changed = save_versioned(
        JudgementRating,
        {"inspection": inspection, "standard_id": standard_id},
        version,
        {"rating": rating, "reasons": reasons, "by": user},
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
) -> RatingOverride:
    """The lead inspector's rating in place of a computed one; the reason is mandatory."""
    require(user, "ratings.rate", inspection)
    check_stage(inspection, Operation.RATE)
    reason = _checked(inspection, standard_id, rating, Basis.CASE, reason)
    override, changed = save_versioned(
        RatingOverride,
        {"inspection": inspection, "standard_id": standard_id},
        version,
        {"rating": rating, "reason": reason, "by": user},
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
def sign_off(user: User, inspection: Inspection) -> SignOff:
    """Freeze what is signed: every standard's rating, basis, key-question counts, overrides
    and reasons, the score and overall (in both languages), the framework and its file hash."""
    require(user, "ratings.rate", inspection)
    check_stage(inspection, Operation.SIGN_OFF)
    given, plain = _signed_inputs(inspection)
    fingerprint = _fingerprint(plain)
    latest = _latest_sign_off(inspection)
    if latest is not None and latest.fingerprint == fingerprint:
        raise ValidationError(_("The ratings are already signed off"))
    result = rate_inspection(inspection.framework, given)
    snapshot = {
        "ratings": {lang: result_json(inspection.framework, result, lang) for lang in ("en", "cy")},
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
