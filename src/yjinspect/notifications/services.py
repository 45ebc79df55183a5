"""Tell people: a notification in the product for each person, and an e-mail (after the
change that caused it is committed) to each who has an address or is named by one.

A notice that reaches nobody is an error its sender sees (NobodyToTell), never a silence; the
caller keeps the list of whom it reached (``Reached``) to show with what it sent."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils.translation import gettext as _

from yjinspect.accounts.models import Profile, Role

from .models import Notification


class NobodyToTell(ValidationError):
    """Nobody the notice was meant for can receive it."""


@dataclass(frozen=True)
class Reached:
    people: list[str]  # user names told in the product (and by e-mail if they have one)
    emails: list[str]  # addresses e-mailed

    def describe(self) -> str:
        return ", ".join([*self.people, *self.emails])


def notify(
    users: Iterable[User],
    text: str,
    link: str,
    *,
    emails: Iterable[str] = (),
    required: bool = False,
) -> Reached:
    """Tell each active person in the product and by e-mail, and each address by e-mail.
    With ``required``, reaching nobody raises NobodyToTell and nothing is sent."""
    people = [u for u in dict.fromkeys(users) if u.is_active]
    addresses = [e for e in dict.fromkeys(emails) if e]
    if required and not people and not addresses:
        raise NobodyToTell(_("Nobody can receive this: name a person or an e-mail address."))
    for user in people:
        Notification.objects.create(user=user, text=text[:500], link=link)
    mail_to = [u.email for u in people if u.email] + addresses
    if mail_to:
        subject, body = f"yjinspect: {text[:120]}", f"{text}\n\n{settings.YJ_SITE_URL}{link}"

        # Only once the change is saved: a rolled-back change must not have told anyone.
        def send() -> None:
            for to in mail_to:
                send_mail(subject, body, None, [to])

        transaction.on_commit(send)
    return Reached([u.get_username() for u in people], addresses)


def service_managers(service_id: int) -> list[User]:
    """The service's managers with active accounts: whom its notices go to by default."""
    return [
        p.user
        for p in Profile.objects.filter(
            role=Role.SERVICE_MANAGER, service_id=service_id, user__is_active=True
        ).select_related("user")
    ]


def service_people(service_id: int) -> list[User]:
    """The service's managers and staff with active accounts."""
    return [
        p.user
        for p in Profile.objects.filter(
            role__in=[Role.SERVICE_MANAGER, Role.SERVICE_STAFF],
            service_id=service_id,
            user__is_active=True,
        )
        .select_related("user")
        .order_by("user__username")
    ]
