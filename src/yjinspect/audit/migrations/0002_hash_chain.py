"""The audit trail becomes a hash chain: existing events are chained in the order written."""

import hashlib
import json

from django.db import migrations, models

GENESIS = "0" * 64


def chain_existing(apps, schema_editor):
    # The same recipe as yjinspect.audit.chain.event_hash, frozen here as migrations must be.
    AuditEvent = apps.get_model("audit", "AuditEvent")
    AuditChainHead = apps.get_model("audit", "AuditChainHead")
    previous, count = GENESIS, 0
    for event in AuditEvent.objects.order_by("id").select_related("user").iterator():
        event.actor = event.user.username if event.user else ""
        event.previous_hash = previous
        content = json.dumps(
            [
                previous,
                event.at.isoformat(),
                    event.actor,
                event.action,
                event.object_type,
                event.object_id,
                event.inspection_id,
                event.details,
            ],
            sort_keys=True,
            separators=(",", ":"),
            ensure_ascii=False,
        )
        event.hash = hashlib.sha256(content.encode()).hexdigest()
        event.save(update_fields=["actor", "previous_hash", "hash"])
        previous, count = event.hash, count + 1
    AuditChainHead.objects.create(pk=1, hash=previous, count=count)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [
        migrations.CreateModel(
            name="AuditChainHead",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("hash", models.CharField(max_length=64)),
                ("count", models.PositiveBigIntegerField(default=0)),
            ],
        ),
        migrations.AlterField(
            model_name="auditevent", name="at", field=models.DateTimeField(db_index=True)
        ),
        migrations.AddField(
            model_name="auditevent",
            name="actor",
            field=models.CharField(blank=True, max_length=150),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="previous_hash",
            field=models.CharField(default="", editable=False, max_length=64),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditevent",
            name="hash",
            field=models.CharField(default="", editable=False, max_length=64),
            preserve_default=False,
        ),
        migrations.RunPython(chain_existing, migrations.RunPython.noop),
    ]
