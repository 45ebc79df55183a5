"""Who may see and do what: the one place for access rules.

Every rule is a django-rules predicate over the person and an inspection (or a record that
belongs to one: an alert, a sampled case). Pages, exports, reports, e-mailed links and the API
ask ``may(user, "rule", record)`` or ``require(...)``; templates ask ``may(...)`` too, so a page
offers only what the person may open. *When* an operation may run (the inspection's stage) is
``lifecycle``'s question; what the inspected service may *see* depends on the stage as well, and
that is answered here.

Who is who on an inspection:
- an inspectorate admin sees and does everything;
- the lead inspector(s) on its team lead it;
- inspectors and local assessors on its team do the team's work (the "core team");
- a partner inspector on its team assesses the cases allocated to them and adds evidence; more
  only by the lead's ``Grant``;
- the inspected service's managers and staff see their own data in advance, the alerts sent to
  them, the draft report at the factual-accuracy check, and the published report and their
  improvement plan; never moderation, assessments, consents, or ratings and findings before
  the factual-accuracy check.
Anyone else does not learn the inspection exists (404, not 403).

A self-assessment (under the national standards' framework) is the service's own: its people
are its team (a manager leads, colleagues assess), and no one from the inspectorate, the admin
included, sees it; an inspection learns of it only through its data in advance.
"""

from __future__ import annotations

from typing import Any, cast

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from rules.predicates import Predicate

from yjinspect.accounts.models import SERVICE_ROLES, Role
from yjinspect.accounts.permissions import AnyUser, add_rules, is_admin, predicate, service_of
from yjinspect.accounts.permissions import may as may  # one register: asked from here too
from yjinspect.accounts.permissions import require as require
from yjinspect.accounts.roles import role_of

from .models import Grant, Inspection, Status, TeamMember

STAGES = list(Status)
CORE_TEAM_ROLES = (Role.LEAD_INSPECTOR, Role.INSPECTOR, Role.LOCAL_ASSESSOR)


def inspection_of(record: Any) -> Inspection:
    """The inspection a record belongs to (the record itself when it is one)."""
    return record if isinstance(record, Inspection) else record.inspection


def _membership(user: AnyUser, inspection: Inspection) -> tuple[str | None, frozenset[str]]:
    """The person's team role and grants on the inspection, read once per inspection object
    (a page asks a dozen rules of the same inspection)."""
    if not user.is_authenticated:
        return None, frozenset()
    memo: dict[int, tuple[str | None, frozenset[str]]] = inspection.__dict__.setdefault(
        "_yj_membership", {}
    )
    if user.pk not in memo:
        member = (
            TeamMember.objects.filter(inspection=inspection, user_id=user.pk)
            .only("role", "grants")
            .first()
        )
        memo[user.pk] = (member.role, frozenset(member.grants)) if member else (None, frozenset())
    return memo[user.pk]


# ---- Predicates ---------------------------------------------------------------------------


@predicate
def is_self_assessment(user: AnyUser, record: Any) -> bool:
    return inspection_of(record).is_self_assessment


# The inspectorate's admin sees and does everything about inspections, and nothing of a
# service's own self-assessment.
admin = is_admin & ~is_self_assessment


@predicate
def leads(user: AnyUser, record: Any) -> bool:
    return _membership(user, inspection_of(record))[0] == Role.LEAD_INSPECTOR


@predicate
def on_team(user: AnyUser, record: Any) -> bool:
    return _membership(user, inspection_of(record))[0] is not None


@predicate
def on_core_team(user: AnyUser, record: Any) -> bool:
    return _membership(user, inspection_of(record))[0] in CORE_TEAM_ROLES


def granted(grant: Grant) -> Predicate:
    """A partner inspector given ``grant`` on this inspection by its lead."""

    def test(user: AnyUser, record: Any) -> bool:
        role, grants = _membership(user, inspection_of(record))
        return role == Role.PARTNER_INSPECTOR and grant.value in grants

    return predicate(test, name=f"granted_{grant.value}")


@predicate
def of_service(user: AnyUser, record: Any) -> bool:
    """One of the inspected service's managers or staff."""
    service_id = service_of(user)
    return service_id is not None and service_id == inspection_of(record).service_id


@predicate
def manages_service(user: AnyUser, record: Any) -> bool:
    return role_of(user) is Role.SERVICE_MANAGER and of_service(user, record)


def stage_from(first: Status) -> Predicate:
    """The inspection has reached ``first`` (or gone past it)."""

    def test(user: AnyUser, record: Any) -> bool:
        return STAGES.index(Status(inspection_of(record).status)) >= STAGES.index(first)

    return predicate(test, name=f"stage_from_{first.value}")


def stage_is(stage: Status) -> Predicate:
    def test(user: AnyUser, record: Any) -> bool:
        return inspection_of(record).status == stage

    return predicate(test, name=f"stage_is_{stage.value}")


@predicate
def alert_sent_to_service(user: AnyUser, alert: Any) -> bool:
    """The lead has confirmed the alert, so it went to the service (a raised alert is the
    inspectors' draft; a withdrawn one never left them)."""
    return alert.confirmed_at is not None and alert.state != "withdrawn"


@predicate
def alert_addressed_to(user: AnyUser, alert: Any) -> bool:
    """The person the lead named to receive it, or one of the service's managers."""
    return bool(user.pk == alert.recipient_id or manages_service(user, alert))


@predicate
def first_assessor(user: AnyUser, sampled: Any) -> bool:
    return bool(sampled.assessor_id == user.pk)


@predicate
def second_assessor(user: AnyUser, sampled: Any) -> bool:
    return bool(sampled.second_assessor_id == user.pk)


# ---- Rules --------------------------------------------------------------------------------
# A rule's record is an inspection unless its name says otherwise (alert.*, case.*).

lead = admin | leads
core = admin | on_core_team
team = admin | on_team
service_after_accuracy = of_service & stage_from(Status.FACTUAL_ACCURACY)

add_rules(
    {
        # Inspections and their team
        "inspection.view": team | of_service,
        "inspection.lead": lead,
        "team.view": team | of_service,
        "team.change": lead,
        # Data in advance, the sample, assessment and moderation
        "caseload.view": core | granted(Grant.CASES) | of_service,
        "caseload.import": lead,
        "sample.view": core | granted(Grant.CASES),
        "sample.change": lead,
        "cases.view": team,
        "case.assess_first": admin | leads | first_assessor,
        "case.assess_second": admin | leads | second_assessor,
        "moderation.view": core | granted(Grant.CASES),
        "moderation.decide": lead,
        # Fieldwork: consents and evidence
        "consents.view": team,
        "consents.record": team,
        "consents.withdraw": core | granted(Grant.CONSENTS),
        "evidence.add": team,
        "judgement.view": team,
        "judgement.record": core | granted(Grant.RATINGS),
        # Alerts
        "alerts.view": team | of_service,
        "alerts.raise": team,
        "alert.view": team | (of_service & alert_sent_to_service & alert_addressed_to),
        "alert.handle": lead,
        "alert.respond": of_service & alert_sent_to_service & alert_addressed_to,
        # Ratings, findings and the report
        "ratings.view": core | granted(Grant.RATINGS) | service_after_accuracy,
        "ratings.rate": lead,
        "findings.view": core | granted(Grant.FINDINGS) | service_after_accuracy,
        "findings.write": core | granted(Grant.FINDINGS),
        "findings.remove": core,
        "recommendations.write": lead,
        "report.view": core | granted(Grant.FINDINGS) | service_after_accuracy,
        "report.view_draft": core
        | granted(Grant.FINDINGS)
        | (of_service & stage_is(Status.FACTUAL_ACCURACY)),
        "report.publish": lead,
        "report.write": lead,  # the foreword, the overall findings, the languages
        "report.view_published": team | of_service,
        "accuracy.view": core | service_after_accuracy,
        "accuracy.comment": of_service,
        "accuracy.decide": lead,
        # After publication: the improvement plan
        "plan.view": team | (of_service & stage_from(Status.PUBLISHED)),
        "plan.edit": lead | of_service,  # when: lifecycle (after publication)
        # The board's sign-off and sending the plan: the service's manager.
        "plan.submit": manages_service,
    }
)


# ---- Which inspections a person sees --------------------------------------------------------


def visible_inspections(user: AnyUser) -> QuerySet[Inspection]:
    """Inspections this person may see (the "inspection.view" rule as a query): admins see
    all, a team member those they are on, the service's people their service's."""
    role = role_of(user)
    inspections = Inspection.objects.select_related("service")
    if role is Role.INSPECTORATE_ADMIN:
        return inspections.by_inspectorate()
    if role in SERVICE_ROLES:
        return inspections.filter(service_id=service_of(user))
    if role is None:
        return inspections.none()
    # One team row per person per inspection (a unique constraint), so the join adds no
    # duplicates and needs no DISTINCT.
    return inspections.by_inspectorate().filter(team__user_id=cast(int, user.pk))


def get_visible(user: AnyUser, inspection_id: int) -> Inspection:
    """The inspection, or 404 (not 403: nobody learns that an inspection they are not on
    exists)."""
    inspection = visible_inspections(user).filter(pk=inspection_id).first()
    if inspection is None:
        raise Http404(_("No such inspection"))
    return inspection


def inspection_for(request: HttpRequest, pk: int, rule: str) -> Inspection:
    """The inspection a page is about, when the person may open that page: 404 when they may
    not see the inspection at all, 403 (with the reason) when they may see it but not this."""
    inspection = get_visible(request.user, pk)
    require(request.user, rule, inspection)
    return inspection
