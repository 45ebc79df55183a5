"""App configuration for the national open-data release of published ratings."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpenDataConfig(AppConfig):
    name = "yjinspect.opendata"
    verbose_name = _("Open data")
