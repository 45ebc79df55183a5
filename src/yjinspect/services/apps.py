"""App configuration for services."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    name = "yjinspect.services"
    verbose_name = _("Youth justice services")
