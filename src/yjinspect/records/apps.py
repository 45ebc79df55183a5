"""App configuration for records: retention and subject access (data protection)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordsConfig(AppConfig):
    name = "yjinspect.records"
    verbose_name = _("Records and data protection")

    def ready(self) -> None:
        from . import retention  # noqa: F401  registers the daily expiry with the workers
