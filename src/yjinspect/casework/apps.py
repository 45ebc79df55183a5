"""App configuration for the service's own caseload: case managers and allocation."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    name = "yjinspect.casework"
    verbose_name = _("Caseload and allocation")
