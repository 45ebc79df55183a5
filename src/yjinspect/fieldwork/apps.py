"""App configuration for fieldwork evidence."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FieldworkConfig(AppConfig):
    name = "yjinspect.fieldwork"
    verbose_name = _("Fieldwork evidence")
