"""App configuration for findings and recommendations."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FindingsConfig(AppConfig):
    name = "yjinspect.findings"
    verbose_name = _("Findings and recommendations")

    def ready(self) -> None:
        from . import services  # noqa: F401  (registers the lifecycle's requirements)
