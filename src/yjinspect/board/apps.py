"""App configuration for the management board: meetings, attendance and the board data pack."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BoardConfig(AppConfig):
    name = "yjinspect.board"
    verbose_name = _("Management board")
