"""Alerts cite several cases, carry themes and a number within their inspection, and are
answered by an urgent action plan of actions that the lead accepts or returns."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

THEME_OF_KIND = {
    "child_safety": "safeguarding",
    "others_safety": "public_protection",
    "organisational": "other",
}


def forwards(apps, schema_editor):
    CaseAlert = apps.get_model("alerts", "CaseAlert")
    numbers: dict[int, int] = {}
    for alert in CaseAlert.objects.order_by("raised_at", "id"):
        numbers[alert.inspection_id] = numbers.get(alert.inspection_id, 0) + 1
        alert.number = numbers[alert.inspection_id]
        alert.themes = [THEME_OF_KIND.get(alert.kind, "other")]
        alert.save(update_fields=["number", "themes"])
        if alert.sampled_case_id is not None:
            alert.cases.add(alert.sampled_case_id)


class Migration(migrations.Migration):

    dependencies = [
        ("alerts", "0003_casealert_recipient_casealert_recipient_email_and_more"),
        ("cases", "0004_upload_expires"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="casealert",
            name="sampled_case",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="cases.sampledcase",
            ),
        ),
        migrations.AddField(
            model_name="casealert",
            name="cases",
            field=models.ManyToManyField(blank=True, related_name="alerts", to="cases.sampledcase"),
        ),
        migrations.AddField(
            model_name="casealert",
            name="number",
            field=models.PositiveIntegerField(default=0),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="casealert",
            name="themes",
            field=models.JSONField(default=list, verbose_name="themes"),
        ),
        migrations.AddField(
            model_name="casealert",
            name="found_cy",
            field=models.TextField(blank=True, verbose_name="what was found, in Welsh"),
        ),
        migrations.AlterField(
            model_name="alertresponse",
            name="action",
            field=models.TextField(verbose_name="what the service has done and plans to do"),
        ),
        migrations.AlterField(
            model_name="casealert",
            name="state",
            field=models.CharField(
                choices=[
                    ("raised", "Raised, waiting for the lead inspector"),
                    ("confirmed", "Sent to the service, waiting for its urgent action plan"),
                    ("responded", "Urgent action plan sent, waiting for the lead inspector"),
                    ("returned", "Urgent action plan returned to the service"),
                    ("accepted", "Urgent action plan accepted, actions followed until done"),
                    ("closed", "Closed"),
                    ("withdrawn", "Withdrawn by the lead inspector"),
                ],
                default="raised",
                max_length=12,
            ),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
        migrations.RemoveField(model_name="casealert", name="sampled_case"),
        migrations.AlterField(
            model_name="casealert",
            name="number",
            field=models.PositiveIntegerField(),
        ),
        migrations.AddConstraint(
            model_name="casealert",
            constraint=models.UniqueConstraint(
                fields=("inspection", "number"), name="one_alert_number_per_inspection"
            ),
        ),
        migrations.AddField(
            model_name="alertresponse",
            name="decision",
            field=models.CharField(
                blank=True,
                choices=[("accepted", "Accepted"), ("returned", "Returned")],
                max_length=8,
            ),
        ),
        migrations.AddField(
            model_name="alertresponse",
            name="decided_by",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="alertresponse",
            name="decided_at",
            field=models.DateTimeField(null=True),
        ),
        migrations.AddField(
            model_name="alertresponse",
            name="reasons",
            field=models.TextField(blank=True, verbose_name="reasons"),
        ),
        migrations.CreateModel(
            name="UrgentAction",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("number", models.PositiveIntegerField()),
                ("text", models.TextField(verbose_name="action")),
                ("owner", models.CharField(help_text="The person who makes it happen, with their role and organisation.", max_length=200, verbose_name="owner")),
                ("due", models.DateField(verbose_name="due by")),
                ("status", models.CharField(choices=[("not_started", "Not started"), ("in_progress", "In progress"), ("done", "Done")], default="not_started", max_length=12, verbose_name="status")),
                ("evidence", models.TextField(blank=True, verbose_name="evidence")),
                ("version", models.PositiveIntegerField(default=0)),
                ("alert", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="actions", to="alerts.casealert")),
            ],
            options={"ordering": ["number", "id"]},
        ),
    ]
