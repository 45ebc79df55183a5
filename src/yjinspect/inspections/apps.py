"""App configuration for inspections."""

from typing import Any

from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class InspectionsConfig(AppConfig):
    name = "yjinspect.inspections"
    verbose_name = _("Inspections")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from yjinspect.audit.services import inspection_changed

        from . import permissions  # noqa: F401  adds the inspection rules to the register
        from .pagecache import bump

        def on_audited(sender: Any, inspection_id: int, **kwargs: Any) -> None:
            bump(inspection_id)

        def on_saved(sender: Any, instance: Any, **kwargs: Any) -> None:
            inspection_id = getattr(instance, "inspection_id", None)
            if isinstance(inspection_id, int):
                bump(inspection_id)

        inspection_changed.connect(on_audited, weak=False, dispatch_uid="pagecache-audit")
        # Only models that carry an inspection: a receiver for every model would stop Django
        # deleting large batches (staged caseload rows) in one statement.
        for model in apps.get_models():
            if any(f.name == "inspection" for f in model._meta.concrete_fields):
                uid = f"pagecache-{model._meta.label_lower}"
                post_save.connect(on_saved, sender=model, weak=False, dispatch_uid=uid + "-save")
                post_delete.connect(
                    on_saved, sender=model, weak=False, dispatch_uid=uid + "-delete"
                )
