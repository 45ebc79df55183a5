"""App configuration for inspections."""

from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InspectionsConfig(AppConfig):
    name = "yjinspect.inspections"
    verbose_name = _("Inspections")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from yjinspect.audit.services import inspection_changed

        from .pagecache import bump

        def on_audited(sender: Any, inspection_id: int, **kwargs: Any) -> None:
            bump(inspection_id)

        def on_saved(sender: Any, instance: Any, **kwargs: Any) -> None:
            inspection_id = getattr(instance, "inspection_id", None)
            if isinstance(inspection_id, int):
                bump(inspection_id)

        inspection_changed.connect(on_audited, weak=False, dispatch_uid="pagecache-audit")
        post_save.connect(on_saved, weak=False, dispatch_uid="pagecache-save")
        post_delete.connect(on_saved, weak=False, dispatch_uid="pagecache-delete")
