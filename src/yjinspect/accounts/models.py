"""A person's role in the product, kept beside Django's user."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    INSPECTORATE_ADMIN = "inspectorate_admin", _("Inspectorate admin")
    LEAD_INSPECTOR = "lead_inspector", _("Lead inspector")
    INSPECTOR = "inspector", _("Inspector")
    LOCAL_ASSESSOR = "local_assessor", _("Local assessor")
    PARTNER_INSPECTOR = "partner_inspector", _("Partner inspector")
    SERVICE_MANAGER = "service_manager", _("Service manager")
    SERVICE_STAFF = "service_staff", _("Service staff")


# Roles of the inspecting team, as opposed to the inspected service.
INSPECTING_ROLES = (
    Role.INSPECTORATE_ADMIN,
    Role.LEAD_INSPECTOR,
    Role.INSPECTOR,
    Role.LOCAL_ASSESSOR,
    Role.PARTNER_INSPECTOR,
)
SERVICE_ROLES = (Role.SERVICE_MANAGER, Role.SERVICE_STAFF)


class PartnerInspectorate(models.TextChoices):
    OFSTED = "ofsted", "Ofsted"
    CQC = "cqc", "CQC"
    HMICFRS = "hmicfrs", "HMICFRS"
    ESTYN = "estyn", "Estyn"
    CIW = "ciw", "CIW"
    HIW = "hiw", "HIW"


class Profile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    partner_inspectorate = models.CharField(
        _("partner inspectorate"), max_length=16, choices=PartnerInspectorate.choices, blank=True
    )
    service = models.ForeignKey(
        "services.YouthJusticeService",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        help_text=_("For service managers and staff: the service they work for."),
    )
    # The language the person last chose: their notifications and e-mails are written in it.
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )

    def __str__(self) -> str:
        return f"{self.user.get_username()} ({self.get_role_display()})"


class ApiToken(models.Model):
    """A key to the API that acts as its person, with their permissions, until it expires or
    is revoked. Only a hash of the key is kept: the key is shown once, when it is made."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("what it is for"), max_length=100)
    prefix = models.CharField(max_length=12)  # the key's start, to tell tokens apart
    key_hash = models.CharField(max_length=64, unique=True)  # SHA-256 of the whole key
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.name})"
