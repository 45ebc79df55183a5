"""Tell people: a notification in the product for each person, and an e-mail (a queued job,
committed with the change that caused it) to each who has an address or is named by one,
each in the recipient's language.

A notice that reaches nobody is an error its sender sees (NobodyToTell), never a silence; the
caller keeps the list of whom it reached (``Reached``) to show with what it sent."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import translation
from django.utils.translation import gettext as _

from yjinspect.accounts.models import Profile, Role
from yjinspect.jobs.mail import mail_with_change
from yjinspect.jobs.mail import send_email as _send_email

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
    text: Callable[[], str],
    link: str,
    *,
    emails: Iterable[str] = (),
    required: bool = False,
) -> Reached:
    """Tell each active person in the product and by e-mail, and each address by e-mail,
    each in their own language (``text`` is called once per language). With ``required``,
    reaching nobody raises NobodyToTell and nothing is sent."""
    people = [u for u in dict.fromkeys(users) if u.is_active]
    addresses = [e for e in dict.fromkeys(emails) if e]
    if required and not people and not addresses:
        raise NobodyToTell(_("Nobody can receive this: name a person or an e-mail address."))
    for user in people:
        language = language_of(user)
        message = _in(language, text)
        Notification.objects.create(user=user, text=message[:500], link=link)
        if user.email:
            _mail(user.email, message, link, language)
    for address in addresses:  # nobody's account: the product's own language
        _mail(address, _in(settings.LANGUAGE_CODE, text), link, settings.LANGUAGE_CODE)
    return Reached([u.get_username() for u in people], addresses)


def language_of(user: User) -> str:
    profile = Profile.objects.filter(user=user).only("language").first()
    return profile.language if profile else settings.LANGUAGE_CODE


def _in(language: str, text: Callable[[], str]) -> str:
    with translation.override(language):
        return text()


def _mail(to: str, text: str, link: str, language: str) -> None:
    with translation.override(language):
        subject = f"yjinspect: {text[:120]}"
    mail_with_change(to, subject, f"{text}\n\n{settings.YJ_SITE_URL}{link}")


# Jobs queued before the task moved to yjinspect.jobs.mail name it here; they still run.
send_email = _send_email


def service_managers(service_id: int) -> list[User]:
    """The service's managers with active accounts: whom its notices go to by default."""
    return [
        p.user
        for p in Profile.objects.filter(
            role=Role.SERVICE_MANAGER, service_id=service_id, user__is_active=True
        ).select_related("user")
    ]


def service_people(service_id: int) -> QuerySet[User]:
    """The service's managers and staff with active accounts: whom a notice for the service
    may be addressed to, and who may own an improvement action."""
    return User.objects.filter(
        profile__service_id=service_id,
        profile__role__in=[Role.SERVICE_MANAGER, Role.SERVICE_STAFF],
        is_active=True,
    ).order_by("username")
