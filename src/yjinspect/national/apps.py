"""App configuration for the national picture: figures across every published inspection."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NationalConfig(AppConfig):
    name = "yjinspect.national"
    verbose_name = _("The national picture")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from yjinspect.inspections.signals import inspection_published
        from yjinspect.kpis.models import MeasureValue
        from yjinspect.plans.models import ImprovementAction
        from yjinspect.services.models import ServiceChange, YouthJusticeService

        from . import version
        from .models import PopulationEstimate, PublishedInspection
        from .summary import on_published

        inspection_published.connect(on_published, dispatch_uid="national.summary")
        # What the national pages show: any change makes their cached copies stale.
        for model in (
            PublishedInspection,
            ImprovementAction,
            MeasureValue,
            PopulationEstimate,
            YouthJusticeService,
            ServiceChange,
        ):
            for signal in (post_save, post_delete):
                signal.connect(
                    version.bump, sender=model, dispatch_uid=f"national.version.{model.__name__}"
                )
