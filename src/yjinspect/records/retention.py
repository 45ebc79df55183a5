"""How long each class of personal data is kept, and applying that: what a dry run would
remove is exactly what an execution removes (one function finds both).

Periods are configuration: settings.YJ_RETENTION_DAYS, each overridable from the environment as
YJ_RETENTION_<CLASS>_DAYS. Defaults: unconfirmed uploads' staged rows 7 days (a week to check
and confirm); case records of a closed inspection 3 years (references and profile fields are
replaced by a pseudonym, consents lose their reference and the children's and parents' views
go; ratings, findings and the published report stay); the service's own cases closed 6 years
(the reference, sex, ethnicity and needs replaced or cleared, and the words written about the
child in notices, panel decisions and allocations removed; the counts the board pack and KPIs
rest on stay); read notifications 1 year; failed sign-in attempts 90 days. The audit trail
is not pruned: it is the record of who did what, and its hash chain must stay whole."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from axes.models import AccessAttempt
from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django_tasks import task

from yjinspect.audit.services import record_event
from yjinspect.cases.models import Case, CaseloadImport, StagedCase
from yjinspect.casework.models import Allocation, ServiceCase
from yjinspect.fieldwork.models import Consent, EvidenceItem
from yjinspect.inspections.models import Inspection, Status, StatusChange
from yjinspect.jobs.queue import every
from yjinspect.notifications.models import Notification
from yjinspect.outofcourt.models import PanelDecision
from yjinspect.safeguarding.models import Notice

PSEUDONYM = "removed-{pk}"


def days(data_class: str) -> int:
    return int(settings.YJ_RETENTION_DAYS[data_class])


@dataclass(frozen=True)
class Rule:
    data_class: str
    description: str
    find: Callable[[], QuerySet]  # type: ignore[type-arg]
    apply: Callable[[QuerySet], int]  # type: ignore[type-arg]


def _before(data_class: str) -> datetime:
    return timezone.now() - timedelta(days=days(data_class))


def _closed_inspections() -> QuerySet[Inspection]:
    closed_before = StatusChange.objects.filter(
        to_status=Status.CLOSED, at__lt=_before("case_records")
    ).values("inspection_id")
    return Inspection.objects.filter(status=Status.CLOSED, pk__in=closed_before)


def _expire_uploads(uploads: QuerySet[CaseloadImport]) -> int:
    ids = list(uploads.values_list("pk", flat=True))
    StagedCase.objects.filter(upload_id__in=ids).delete()
    return CaseloadImport.objects.filter(pk__in=ids).update(state=CaseloadImport.State.EXPIRED)


def _pseudonymise_cases(cases: QuerySet[Case]) -> int:
    count = 0
    for case in cases.only("pk"):
        Case.objects.filter(pk=case.pk).update(
            case_ref=PSEUDONYM.format(pk=case.pk), extra={}, ethnicity="", sex=""
        )
        count += 1
    return count


def _forget_consents(consents: QuerySet[Consent]) -> int:
    ids = list(consents.values_list("pk", flat=True))
    EvidenceItem.objects.filter(consent_id__in=ids).delete()
    return Consent.objects.filter(pk__in=ids).update(reference="removed")


def _pseudonymise_service_cases(cases: QuerySet[ServiceCase]) -> int:
    ids = list(cases.values_list("pk", flat=True))
    Notice.objects.filter(case_id__in=ids).update(summary="")
    PanelDecision.objects.filter(case_id__in=ids).update(reason="(removed)")
    Allocation.objects.filter(case_id__in=ids).update(override_reason="")
    for pk in ids:
        ServiceCase.objects.filter(pk=pk).update(
            case_ref=PSEUDONYM.format(pk=pk), sex="", ethnicity="", needs=[]
        )
    return len(ids)


def _delete(rows: QuerySet) -> int:  # type: ignore[type-arg]
    return int(rows.delete()[0])


def rules() -> list[Rule]:
    return [
        Rule(
            "staged_uploads",
            f"unconfirmed caseload uploads older than {days('staged_uploads')} days: "
            "their staged rows",
            lambda: CaseloadImport.objects.filter(
                state__in=[CaseloadImport.State.CHECKED, CaseloadImport.State.REFUSED],
                uploaded_at__lt=_before("staged_uploads"),
            ),
            _expire_uploads,
        ),
        Rule(
            "case_records",
            f"case records of inspections closed more than {days('case_records')} days ago: "
            "references and profile replaced by a pseudonym",
            lambda: Case.objects.filter(inspection__in=_closed_inspections()).exclude(
                case_ref__startswith="removed-"
            ),
            _pseudonymise_cases,
        ),
        Rule(
            "case_records",
            f"consents of inspections closed more than {days('case_records')} days ago: "
            "the reference, and the views recorded with them",
            lambda: Consent.objects.filter(inspection__in=_closed_inspections()).exclude(
                reference="removed"
            ),
            _forget_consents,
        ),
        Rule(
            "service_cases",
            f"the service's own cases closed more than {days('service_cases')} days ago: "
            "references and profile replaced, words about the child removed",
            lambda: ServiceCase.objects.filter(ends_on__lt=_before("service_cases").date()).exclude(
                case_ref__startswith="removed-"
            ),
            _pseudonymise_service_cases,
        ),
        Rule(
            "notifications",
            f"notifications read more than {days('notifications')} days ago",
            lambda: Notification.objects.filter(read_at__lt=_before("notifications")),
            _delete,
        ),
        Rule(
            "sign_in_attempts",
            f"failed sign-in attempts older than {days('sign_in_attempts')} days",
            lambda: AccessAttempt.objects.filter(attempt_time__lt=_before("sign_in_attempts")),
            _delete,
        ),
    ]


@dataclass(frozen=True)
class Outcome:
    description: str
    count: int


def apply(*, execute: bool, only: str | None = None) -> list[Outcome]:
    """What the policy removes now (of one data class, or all): counted (a dry run) or
    removed (``execute``), all in one transaction, and audited."""
    outcomes: list[Outcome] = []
    with transaction.atomic():
        for rule in rules():
            if only is not None and rule.data_class != only:
                continue
            found = rule.find()
            count = rule.apply(found) if execute else found.count()
            outcomes.append(Outcome(rule.description, count))
        if execute:
            record_event(
                None,
                "retention.applied",
                object_type="records.retention",
                object_id="",
                details={o.description: o.count for o in outcomes},
            )
    return outcomes


# Unconfirmed uploads expire by themselves: the workers run this daily. The rest of the policy
# is applied by a person, after a dry run (yjinspect retention apply).
@every(24 * 60 * 60, "expire unconfirmed caseload uploads")
@task()
def expire_uploads_job() -> int:
    return sum(o.count for o in apply(execute=True, only="staged_uploads"))
