"""App configuration for the REST API (django-ninja) over the same service functions and
permission rules as the pages."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "yjinspect.api"
    verbose_name = _("API")
