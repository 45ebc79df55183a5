"""App configuration for the interventions register."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InterventionsConfig(AppConfig):
    name = "yjinspect.interventions"
    verbose_name = _("Interventions")
