"""App configuration for improvement plans."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "yjinspect.plans"
    verbose_name = _("Improvement plans")

    def ready(self) -> None:
        from . import services  # noqa: F401  (tells re-inspections how a plan went)
