"""The service's posts and the people who hold them, their training and their supervision.

Staff are office holders, named as the service names them; no child is recorded here.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from yjinspect.services.models import YouthJusticeService


class PostKind(models.TextChoices):
    # The ids are the policy file's (engine.policy.POST_KINDS): a statutory secondment is named
    # there by kind.
    CASE_MANAGER = "case_manager", _("Case manager")
    MANAGER = "manager", _("Manager")
    HEALTH = "health", _("Health")
    EDUCATION = "education", _("Education")
    POLICE = "police", _("Police")
    PROBATION = "probation", _("Probation")
    SOCIAL_CARE = "social_care", _("Social care")
    VICTIM_LIAISON = "victim_liaison", _("Victim liaison")
    ADMINISTRATION = "administration", _("Administration")
    OTHER = "other", _("Other")


class StaffMember(models.Model):
    """A person who works in the service (employed or seconded), with or without an account."""

    service = models.ForeignKey(
        YouthJusticeService, on_delete=models.CASCADE, related_name="staff_members"
    )
    name = models.CharField(_("name"), max_length=200)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="staff_member",
    )
    line_manager = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("line manager"),
    )
    case_manager = models.BooleanField(_("holds cases"), default=False)
    # Skill ids from the service policy (allocation.skills).
    skills = models.JSONField(_("skills"), default=list, blank=True)
    experience_years = models.PositiveSmallIntegerField(
        _("years of youth justice experience"), default=0
    )
    started_on = models.DateField(_("started on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)

    class Meta:
        ordering = ["service", "name"]
        constraints = [
            models.UniqueConstraint(fields=["service", "name"], name="staff_name_unique_in_service")
        ]

    def __str__(self) -> str:
        return self.name

    def works_on(self, day: date) -> bool:
        return self.started_on <= day and (self.left_on is None or self.left_on > day)


class Post(models.Model):
    """A post in the service's establishment: what it is, who pays for or seconds it, hours."""

    service = models.ForeignKey(YouthJusticeService, on_delete=models.CASCADE, related_name="posts")
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind of post"), max_length=32, choices=PostKind.choices)
    agency = models.CharField(
        _("funding or seconding agency"),
        max_length=200,
        help_text=_("e.g. the local authority, South Wales Police, the health board"),
    )
    seconded = models.BooleanField(_("a secondment from a partner agency"), default=False)
    hours_per_week = models.DecimalField(_("hours a week"), max_digits=4, decimal_places=1)
    established_on = models.DateField(_("established on"))
    ended_on = models.DateField(_("deleted from the establishment on"), null=True, blank=True)

    class Meta:
        ordering = ["service", "kind", "title"]

    def __str__(self) -> str:
        return self.title


class Appointment(models.Model):
    """A person holding a post for a time, in substance or as cover."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="appointments")
    person = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="appointments")
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    cover = models.BooleanField(_("covering the post"), default=False)

    class Meta:
        ordering = ["post", "starts_on", "id"]

    def current_on(self, day: date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or self.ends_on > day)


class Absence(models.Model):
    """A long absence (leave, sickness, secondment elsewhere) that leaves a post undone."""

    person = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="absences")
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=200)

    class Meta:
        ordering = ["person", "starts_on"]

    def current_on(self, day: date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or self.ends_on > day)


class TrainingRecord(models.Model):
    class Kind(models.TextChoices):
        INDUCTION = "induction", _("Induction")
        TRAINING = "training", _("Training")

    person = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="training")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    course = models.CharField(_("course"), max_length=200)
    completed_on = models.DateField(_("completed on"))

    class Meta:
        ordering = ["person", "-completed_on"]


class SupervisionSession(models.Model):
    """One supervision session a practitioner had with their supervisor."""

    person = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="supervision")
    supervisor = models.ForeignKey(
        StaffMember, on_delete=models.PROTECT, related_name="supervision_given"
    )
    held_on = models.DateField(_("held on"))

    class Meta:
        ordering = ["person", "-held_on"]
