"""Operations on services, audited."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from yjinspect.accounts.invitations import invite
from yjinspect.accounts.models import SERVICE_ROLES, Profile
from yjinspect.accounts.permissions import require
from yjinspect.audit.services import record

from .forms import BoardMemberForm, PartnerContactForm, ServiceForm
from .models import BoardMember, PartnerContact, ServiceChange, YouthJusticeService


def save_service(user: Any, form: ServiceForm) -> YouthJusticeService:
    require(user, "services.change")
    created = form.instance.pk is None
    service: YouthJusticeService = form.save()
    record(
        user,
        "service.created" if created else "service.changed",
        service,
        before={name: form.initial.get(name) for name in form.changed_data},
        after={name: form.cleaned_data.get(name) for name in form.changed_data},
    )
    return service


def add_board_member(user: Any, service: YouthJusticeService, form: BoardMemberForm) -> BoardMember:
    require(user, "services.change")
    member: BoardMember = form.save(commit=False)
    member.service = service
    member.save()
    record(user, "board_member.added", member, service=service.name)
    return member


@transaction.atomic
def add_person(
    user: Any, service: YouthJusticeService, *, username: str, email: str, role: str
) -> User:
    """An account for a manager or member of staff of the service. It has no password until
    they choose one from the link e-mailed to them."""
    require(user, "services.change")
    if role not in SERVICE_ROLES:
        raise ValidationError({"role": _("Choose their role")})
    users = get_user_model().objects
    if users.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("Someone already has that user name")})
    person = users.create_user(username=username, email=email)  # no usable password yet
    Profile.objects.create(user=person, role=role, service=service)
    record(user, "service.person_added", person, service=service.name, role=role)
    invite(person, service.name)
    return person


@transaction.atomic
def remove_person(user: Any, service: YouthJusticeService, person: User) -> None:
    """Close a person's account when they leave the service (their records stay)."""
    require(user, "services.change")
    if not Profile.objects.filter(user=person, service=service, role__in=SERVICE_ROLES).exists():
        raise ValidationError(_("That person does not work for this service"))
    person.is_active = False
    person.save(update_fields=["is_active"])
    record(user, "service.person_removed", person, service=service.name)


def find_service(name_or_id: str) -> YouthJusticeService:
    service = (
        YouthJusticeService.objects.filter(pk=int(name_or_id)).first()
        if name_or_id.isdigit()
        else YouthJusticeService.objects.filter(name__iexact=name_or_id.strip()).first()
    )
    if service is None:
        raise ValidationError(_("No service called %(name)s") % {"name": name_or_id})
    return service


def people_of(service: YouthJusticeService) -> list[Profile]:
    return list(
        Profile.objects.filter(service=service, role__in=SERVICE_ROLES)
        .select_related("user")
        .order_by("-user__is_active", "user__username")
    )


def add_contact(
    user: Any, service: YouthJusticeService, form: PartnerContactForm
) -> PartnerContact:
    """A partner organisation's contact, who can own improvement actions."""
    require(user, "service.contacts.change", service)
    contact: PartnerContact = form.save(commit=False)
    contact.service = service
    contact.save()
    record(
        user,
        "partner_contact.added",
        contact,
        service=service.name,
        organisation=contact.organisation,
    )
    return contact


@transaction.atomic
def remove_contact(user: Any, service: YouthJusticeService, contact_id: int) -> None:
    """Actions the contact owned keep their owner's name; reminders go to the service."""
    require(user, "service.contacts.change", service)
    contact = PartnerContact.objects.filter(service=service, pk=contact_id).first()
    if contact is None:
        raise ValidationError(_("No such contact"))
    record(user, "partner_contact.removed", contact, service=service.name)
    contact.delete()


@transaction.atomic
def add_predecessor(
    user: Any,
    service: YouthJusticeService,
    predecessor: YouthJusticeService,
    kind: str,
    on: Any,
) -> ServiceChange:
    """Record that ``service`` was formed from ``predecessor`` (a merger or a split)."""
    require(user, "services.change")
    if predecessor.pk == service.pk:
        raise ValidationError(_("A service cannot be formed from itself"))
    if _descends_from(predecessor, service):
        raise ValidationError(
            _("%(name)s was itself formed from this service") % {"name": predecessor.name}
        )
    if ServiceChange.objects.filter(predecessor=predecessor, successor=service).exists():
        raise ValidationError(_("This change is already recorded"))
    change = ServiceChange.objects.create(
        predecessor=predecessor, successor=service, kind=kind, on=on
    )
    record(
        user,
        "service.predecessor_added",
        change,
        service=service.name,
        predecessor=predecessor.name,
        kind=kind,
        on=on.isoformat(),
    )
    return change


def _descends_from(service: YouthJusticeService, ancestor: YouthJusticeService) -> bool:
    """Whether ``ancestor`` is among ``service``'s predecessors, however far back."""
    seen: set[int] = set()
    todo = [service.pk]
    while todo:
        current = todo.pop()
        if current == ancestor.pk:
            return True
        if current in seen:
            continue
        seen.add(current)
        todo.extend(
            ServiceChange.objects.filter(successor_id=current).values_list(
                "predecessor_id", flat=True
            )
        )
    return False
