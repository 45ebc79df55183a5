"""App configuration for improvement plans."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "yjinspect.plans"
    verbose_name = _("Improvement plans")
