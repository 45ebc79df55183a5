"""App configuration for inspections."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InspectionsConfig(AppConfig):
    name = "yjinspect.inspections"
    verbose_name = _("Inspections")
