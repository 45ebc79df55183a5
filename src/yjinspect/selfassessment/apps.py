"""App configuration for a service's self-assessment against the national standards."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SelfAssessmentConfig(AppConfig):
    name = "yjinspect.selfassessment"
    verbose_name = _("Self-assessment against the national standards")
