"""Remind services of improvement actions falling due (run daily)."""

from typing import Any

from django.core.management.base import BaseCommand

from yjinspect.plans.services import send_reminders


class Command(BaseCommand):
    help = "Remind services of improvement-plan actions falling due."

    def handle(self, *args: Any, **options: Any) -> str:
        return f"{send_reminders()} reminders sent"
