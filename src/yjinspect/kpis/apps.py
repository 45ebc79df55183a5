"""App configuration for KPIs and national indicators per service and quarter."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KpisConfig(AppConfig):
    name = "yjinspect.kpis"
    verbose_name = _("KPIs and national indicators")
