"""Send case-alert reminders that are due (run every few minutes from cron or a timer)."""

from typing import Any

from django.core.management.base import BaseCommand

from yjinspect.alerts.services import send_reminders


class Command(BaseCommand):
    help = "Remind services of case-alert responses due soon or overdue."

    def handle(self, *args: Any, **options: Any) -> str:
        return f"{send_reminders()} reminders sent"
