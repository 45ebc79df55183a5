"""The one register of permission rules, and the questions everyone asks of it.

Rules are django-rules predicates. The rules that need only the person's role (services,
creating inspections) are here; the rules about an inspection and its records (by team, grant,
service and stage) are in ``yjinspect.inspections.permissions``, which adds them to this register
when Django loads the inspections app. Every page, export, report, e-mailed link and API call
asks ``may``/``require`` here, so there is one answer to "who may do this".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from rules.predicates import Predicate
from rules.rulesets import RuleSet

from .models import SERVICE_ROLES, Profile, Role
from .roles import role_of

AnyUser = User | AnonymousUser
RULES = RuleSet()


def predicate(fn: Callable[..., bool], name: str | None = None) -> Predicate:
    """A rules predicate (combine them with ``|``, ``&`` and ``~``)."""
    return Predicate(fn, name=name)


def add_rules(named: dict[str, Any]) -> None:
    for name, predicate in named.items():
        if name in RULES:
            raise KeyError(f"Permission rule {name!r} is defined twice")
        RULES.add_rule(name, predicate)  # type: ignore[no-untyped-call]


def may(user: AnyUser, name: str, record: Any = None) -> bool:
    """Whether the person may do ``name`` with the record. An unknown rule is a programming
    error, never a silent refusal."""
    if name not in RULES:
        raise KeyError(f"No permission rule {name!r}")
    return bool(RULES.test_rule(name, user, record))  # type: ignore[no-untyped-call]


def require(user: AnyUser, name: str, record: Any = None) -> None:
    if not may(user, name, record):
        raise PermissionDenied(_("You do not have permission to do that."))


@predicate
def is_admin(user: AnyUser) -> bool:
    return role_of(user) is Role.INSPECTORATE_ADMIN


@predicate
def is_lead_inspector_by_role(user: AnyUser) -> bool:
    return role_of(user) is Role.LEAD_INSPECTOR


@predicate
def is_inspecting(user: AnyUser) -> bool:
    return role_of(user) not in (None, *SERVICE_ROLES)


@predicate
def is_inspectorate_staff(user: AnyUser) -> bool:
    """The inspectorate's own people (not local assessors or partner inspectorates)."""
    return role_of(user) in (Role.INSPECTORATE_ADMIN, Role.LEAD_INSPECTOR, Role.INSPECTOR)


@predicate
def is_service_manager(user: AnyUser) -> bool:
    return role_of(user) is Role.SERVICE_MANAGER


@predicate
def is_service_person(user: AnyUser) -> bool:
    return role_of(user) in SERVICE_ROLES


def service_of(user: AnyUser) -> int | None:
    """The service a service manager or staff member works for (None for anyone else)."""
    if role_of(user) not in SERVICE_ROLES:
        return None
    profile: Profile = cast(Any, user).profile  # loaded with the user by our backend
    return profile.service_id


@predicate
def works_for(user: AnyUser, service: Any) -> bool:
    """One of this service's managers or staff."""
    return bool(service_of(user) == service.pk)


add_rules(
    {
        "inspections.create": is_admin | is_lead_inspector_by_role,
        "services.view": is_inspecting | is_service_person,
        "service.view": is_inspecting | works_for,
        "services.change": is_admin,
        # Partner organisations' contacts (owners of improvement actions, no account needed):
        # the admin, or the service's own managers.
        "service.contacts.change": is_admin | (works_for & is_service_manager),
        "records.subject_access": is_admin,
        # The service's own records (staffing, caseload and allocation, supervision): its
        # people see them, its managers change them. Inspectors see them only as an
        # inspection's data in advance, never here.
        "service.records.view": works_for,
        "service.records.change": works_for & is_service_manager,
        # Notices about children, exploitation screening and referrals are recorded by
        # whoever in the service receives or does them, not only its managers.
        "service.safeguarding.record": works_for,
        # The out-of-court panel's meetings and decisions: recorded by the service's people.
        "service.decisions.record": works_for,
        # A case's needs and its referrals to interventions: its case manager and colleagues.
        "service.casework.record": works_for,
        # A self-assessment against the national standards: started (and led) by one of the
        # service's managers; what happens inside it is the inspection rules'.
        "service.self_assessment.start": works_for & is_service_manager,
        # The national picture (figures from published inspections, plans and KPI returns
        # across every service) and the ranking of whom to inspect: the inspectorate's own.
        "national.view": is_inspectorate_staff,
        # The Census figures every service's disproportionality is counted against.
        "national.population.import": is_admin,
        # Every service's national indicators in one file, for choosing whom to inspect.
        "national.indicators.import": is_admin,
        # The inspectorate's and partners' people sign in with a second step; the service's
        # people may choose to.
        "account.two_factor_required": is_inspecting,
    }
)
