"""App configuration for information sharing and exploitation: notices about missing episodes
and arrests, exploitation screening and National Referral Mechanism referrals."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SafeguardingConfig(AppConfig):
    name = "yjinspect.safeguarding"
    verbose_name = _("Information sharing and exploitation")
