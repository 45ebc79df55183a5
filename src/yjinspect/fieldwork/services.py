"""Record evidence and consents; withdrawing consent removes the evidence that relied on it."""

from __future__ import annotations

import re
from datetime import date, timedelta

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yjinspect.audit.services import record
from yjinspect.inspections.lifecycle import Operation
from yjinspect.inspections.lifecycle import check as check_stage
from yjinspect.inspections.models import Inspection
from yjinspect.inspections.permissions import require
from yjinspect.inspections.services import check_date_between

from .models import NEEDS_CONSENT, Consent, EvidenceItem, Source

CONSENT_DAYS_BEFORE_FIELDWORK = 180
# A consent is recorded under a reference code (the consent form's), never a person's name or
# date of birth: letters, digits and - / _ . with at least one digit, no spaces, not a date.
CONSENT_REFERENCE = re.compile(r"[A-Za-z0-9][A-Za-z0-9/_.-]{0,39}")
DATE_LIKE = re.compile(r"\d{1,4}[/._-]\d{1,2}[/._-]\d{1,4}")


def check_consent_reference(reference: str) -> str:
    reference = reference.strip()
    if (
        not CONSENT_REFERENCE.fullmatch(reference)
        or not any(ch.isdigit() for ch in reference)
        or DATE_LIKE.search(reference)
    ):
        raise ValidationError(
            _(
                "Enter the consent form's reference code, for example C-014 (letters, digits "
                "and hyphens, with a digit and no spaces): never a name or a date of birth"
            )
        )
    return reference


@transaction.atomic
def record_consent(
    user: User, inspection: Inspection, reference: str, person: str, given_on: date
) -> Consent:
    require(user, "consents.record", inspection)
    check_stage(inspection, Operation.RECORD_EVIDENCE)
    # Consent is sought while fieldwork is arranged and given by the end of it.
    check_date_between(
        given_on,
        inspection.fieldwork_start - timedelta(days=CONSENT_DAYS_BEFORE_FIELDWORK),
        min(inspection.fieldwork_end, timezone.localdate()),
        _("Enter the date consent was given between %(earliest)s and %(latest)s"),
    )
    reference = check_consent_reference(reference)
    if Consent.objects.filter(inspection=inspection, reference=reference).exists():
        raise ValidationError(_("A consent with this reference is already recorded"))
    consent = Consent.objects.create(
        inspection=inspection,
        reference=reference,
        person=person,
        given_on=given_on,
        recorded_by=user,
    )
    record(user, "consent.recorded", consent, inspection_id=inspection.pk, reference=reference)
    return consent


@transaction.atomic
def withdraw_consent(user: User, inspection: Inspection, consent_id: int) -> int:
    """Mark the consent withdrawn and delete the evidence that used it; returns how many."""
    require(user, "consents.withdraw", inspection)
    check_stage(inspection, Operation.WITHDRAW_CONSENT)
    consent = Consent.objects.filter(
        inspection=inspection, pk=consent_id, withdrawn_at__isnull=True
    ).first()
    if consent is None:
        raise ValidationError(_("No such consent, or it was already withdrawn"))
    removed, _detail = EvidenceItem.objects.filter(consent=consent).delete()
    consent.withdrawn_at = timezone.now()
    consent.save(update_fields=["withdrawn_at"])
    # The audit keeps that evidence was removed, not what it said.
    record(
        user,
        "consent.withdrawn",
        consent,
        inspection_id=inspection.pk,
        reference=consent.reference,
        evidence_removed=removed,
    )
    return removed


@transaction.atomic
def add_evidence(
    user: User,
    inspection: Inspection,
    standard_id: str,
    *,
    key_question_id: str,
    source: str,
    summary: str,
    consent: Consent | None,
) -> EvidenceItem:
    require(user, "evidence.add", inspection)
    check_stage(inspection, Operation.RECORD_EVIDENCE)
    framework = inspection.framework
    if not framework.has_standard(standard_id):
        raise ValidationError({"standard_id": _("No such standard in this framework")})
    if source not in Source.values:
        raise ValidationError({"source": _("Choose where the evidence comes from")})
    if not summary.strip():
        raise ValidationError({"summary": _("Say what the evidence shows")})
    standard = framework.standard(standard_id)
    # Blank: evidence about the standard as a whole.
    if key_question_id and key_question_id not in standard.key_question_set:
        raise ValidationError(_("Choose one of this standard's key questions"))
    if source in NEEDS_CONSENT:
        if (
            consent is None
            or consent.withdrawn_at is not None
            or consent.inspection_id != inspection.pk
        ):
            raise ValidationError(
                _(
                    "A child's or parent's view can only be recorded with their consent: "
                    "record the consent first"
                )
            )
    else:
        consent = None
    item = EvidenceItem.objects.create(
        inspection=inspection,
        standard_id=standard_id,
        key_question_id=key_question_id,
        source=source,
        summary=summary.strip(),
        consent=consent,
        recorded_by=user,
    )
    record(
        user,
        "evidence.added",
        item,
        inspection_id=inspection.pk,
        standard=standard_id,
        key_question=key_question_id,
        source=source,
    )
    return item


def source_label(source: str) -> str:
    return str(Source(source).label)
