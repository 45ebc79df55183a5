"""E-mail goes out through the queue, committed with the change that caused it, so a message
is sent if and only if its change was saved (and is retried if the sending fails)."""

from __future__ import annotations

from django.core.mail import send_mail
from django_tasks import task

from .queue import enqueue_with_change


@task()
def send_email(to: str, subject: str, body: str) -> None:
    send_mail(subject, body, None, [to])


def mail_with_change(to: str, subject: str, body: str) -> None:
    enqueue_with_change(send_email, to, subject, body)
