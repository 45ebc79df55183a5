"""App configuration for the service's staffing: posts, people, training and supervision."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffingConfig(AppConfig):
    name = "yjinspect.staffing"
    verbose_name = _("Staffing and supervision")
