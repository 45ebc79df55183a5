"""App configuration for case alerts."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    name = "yjinspect.alerts"
    verbose_name = _("Case alerts")

    def ready(self) -> None:
        from . import services  # noqa: F401  (registers the lifecycle's requirements)
