"""App configuration for the national picture: figures across every published inspection."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NationalConfig(AppConfig):
    name = "yjinspect.national"
    verbose_name = _("The national picture")

    def ready(self) -> None:
        from yjinspect.inspections.signals import inspection_published

        from .summary import on_published

        inspection_published.connect(on_published, dispatch_uid="national.summary")
