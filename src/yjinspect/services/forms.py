"""Forms for services and their boards."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import BoardMember, YouthJusticeService


class ServiceForm(forms.ModelForm[YouthJusticeService]):
    class Meta:
        model = YouthJusticeService
        fields = ["name", "nation", "local_authorities"]
        widgets = {"nation": forms.RadioSelect}
        error_messages = {
            "name": {
                "required": _("Enter the service's name"),
                "unique": _("A service with this name already exists"),
            },
            "nation": {"required": _("Choose England or Wales")},
            "local_authorities": {"required": _("Enter the local authorities the service covers")},
        }


class BoardMemberForm(forms.ModelForm[BoardMember]):
    class Meta:
        model = BoardMember
        fields = ["name", "board_role", "organisation", "email", "chair"]
        error_messages = {
            "email": {"invalid": _("Enter an e-mail address like name@example.org")},
            "name": {"required": _("Enter the board member's name")},
            "board_role": {"required": _("Enter their role on the board, e.g. Chair")},
            "organisation": {"required": _("Enter their organisation, e.g. Police")},
        }
