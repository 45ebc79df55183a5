"""App configuration for the board data pack: every record of the service's, for a quarter,
for its board and, frozen at announcement, for an inspection."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BoardPackConfig(AppConfig):
    name = "yjinspect.boardpack"
    verbose_name = _("Board data pack")

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from yjinspect.inspections.models import Inspection

        from .snapshot import take

        def announced(sender: type, instance: Inspection, created: bool, **kwargs: object) -> None:
            # An inspection is announced when it is created: its data in advance is taken
            # then, from the service's records as they stand, and kept unchanged.
            if created and not kwargs.get("raw"):
                take(instance)

        post_save.connect(announced, sender=Inspection, weak=False, dispatch_uid="data_in_advance")
