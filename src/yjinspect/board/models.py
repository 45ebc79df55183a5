"""The management board's meetings and who attended them."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from yjinspect.services.models import BoardMember, YouthJusticeService


class BoardMeeting(models.Model):
    service = models.ForeignKey(
        YouthJusticeService, on_delete=models.CASCADE, related_name="board_meetings"
    )
    held_on = models.DateField(_("held on"))

    class Meta:
        ordering = ["service", "-held_on"]
        constraints = [
            models.UniqueConstraint(fields=["service", "held_on"], name="one_meeting_a_day")
        ]


class Attendance(models.Model):
    meeting = models.ForeignKey(BoardMeeting, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(BoardMember, on_delete=models.CASCADE, related_name="attendance")
    present = models.BooleanField(_("present"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "member"], name="attended_once")]
