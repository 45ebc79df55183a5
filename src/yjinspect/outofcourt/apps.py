"""App configuration for out-of-court decisions: the joint decision panel and what it decided."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutOfCourtConfig(AppConfig):
    name = "yjinspect.outofcourt"
    verbose_name = _("Out-of-court decisions")
