"""App configuration for the board data pack: every record of the service's, for a quarter."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BoardPackConfig(AppConfig):
    name = "yjinspect.boardpack"
    verbose_name = _("Board data pack")
