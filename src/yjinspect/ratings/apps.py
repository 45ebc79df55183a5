"""App configuration for ratings."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RatingsConfig(AppConfig):
    name = "yjinspect.ratings"
    verbose_name = _("Ratings")

    def ready(self) -> None:
        from . import services  # noqa: F401  (registers the lifecycle's requirements)
