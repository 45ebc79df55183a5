"""Evidence items and the consents that views of children and parents depend on."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Source(models.TextChoices):
    DOCUMENT = "document", _("Document")
    BOARD = "meeting_board", _("Meeting with the management board")
    MANAGERS = "meeting_managers", _("Meeting with managers")
    STAFF = "meeting_staff", _("Meeting or focus group with staff")
    PARTNERS = "meeting_partners", _("Meeting with partners")
    CHILD = "child_view", _("View of a child")
    PARENT = "parent_view", _("View of a parent or carer")
    VICTIM = "victim_view", _("View of a victim")


# Views that may be kept only with the person's consent.
NEEDS_CONSENT = (Source.CHILD, Source.PARENT, Source.VICTIM)


class Consent(models.Model):
    """Consent to use a child's or parent's view. ``reference`` is a label such as
    "Child 3" - never a name."""

    class Person(models.TextChoices):
        CHILD = "child", _("Child")
        PARENT = "parent", _("Parent or carer")
        VICTIM = "victim", _("Victim")

    inspection = models.ForeignKey(
        "inspections.Inspection", on_delete=models.CASCADE, related_name="consents"
    )
    reference = models.CharField(_("reference"), max_length=40)
    person = models.CharField(_("whose consent"), max_length=8, choices=Person.choices)
    given_on = models.DateField(_("consent given on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["reference"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "reference"], name="consent_reference")
        ]

    def __str__(self) -> str:
        return f"{self.reference} ({self.get_person_display()})"


class EvidenceItem(models.Model):
    inspection = models.ForeignKey(
        "inspections.Inspection", on_delete=models.CASCADE, related_name="evidence"
    )
    standard_id = models.CharField(max_length=16)
    key_question_id = models.CharField(max_length=16)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    summary = models.TextField(_("what the evidence shows"))
    consent = models.ForeignKey(
        Consent, on_delete=models.CASCADE, null=True, blank=True, related_name="evidence"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["key_question_id", "at", "id"]
