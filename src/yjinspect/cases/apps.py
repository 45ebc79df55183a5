"""App configuration for cases."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "yjinspect.cases"
    verbose_name = _("Cases and assessments")

    def ready(self) -> None:
        from . import readiness  # noqa: F401  (registers the lifecycle's requirements)
