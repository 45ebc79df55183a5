"""Forms for services and their boards."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from yjinspect.accounts.models import Role

from .models import BoardMember, PartnerContact, ServiceChange, YouthJusticeService


class ServiceForm(forms.ModelForm[YouthJusticeService]):
    class Meta:
        model = YouthJusticeService
        fields = ["name", "nation", "region", "local_authorities"]
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


class ServicePersonForm(forms.Form):
    """A person of the service: a user name, an e-mail address for the link that sets their
    password, and whether they manage or work in the service."""

    username = forms.RegexField(
        label=_("User name"),
        max_length=150,
        regex=r"^[\w.@+-]+$",
        help_text=_("Letters, digits and . @ + - _ only, e.g. r.jones"),
        error_messages={
            "required": _("Enter a user name"),
            "invalid": _("A user name may hold letters, digits and . @ + - _ only"),
        },
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        help_text=_("They are sent a link to choose their password."),
        error_messages={
            "required": _("Enter their e-mail address"),
            "invalid": _("Enter an e-mail address like name@example.org"),
        },
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[
            (Role.SERVICE_MANAGER, Role.SERVICE_MANAGER.label),
            (Role.SERVICE_STAFF, Role.SERVICE_STAFF.label),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose their role")},
    )


class PartnerContactForm(forms.ModelForm[PartnerContact]):
    class Meta:
        model = PartnerContact
        fields = ["name", "role", "organisation", "email"]
        error_messages = {
            "name": {"required": _("Enter the contact's name")},
            "role": {"required": _("Enter their role, e.g. Detective Inspector")},
            "organisation": {"required": _("Enter their organisation, e.g. South Wales Police")},
            "email": {
                "required": _("Enter their e-mail address: reminders go there"),
                "invalid": _("Enter an e-mail address like name@example.org"),
            },
        }


class ServiceChangeForm(forms.Form):
    """This service was formed from another: merged from it, or split from it."""

    predecessor = forms.ModelChoiceField(
        label=_("Formed from"),
        queryset=YouthJusticeService.objects.none(),
        empty_label=_("Choose the earlier service"),
        error_messages={"required": _("Choose the service it was formed from")},
    )
    kind = forms.ChoiceField(
        label=_("How"),
        choices=ServiceChange.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether services merged or one split")},
    )
    on = forms.DateField(
        label=_("Date of the change"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        help_text=_("For example, 01/04/2014"),
        error_messages={
            "required": _("Enter the date of the change"),
            "invalid": _("Enter a real date, like 01/04/2014"),
        },
    )

    def __init__(self, *args: object, service: YouthJusticeService, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["predecessor"].queryset = YouthJusticeService.objects.exclude(pk=service.pk)  # type: ignore[attr-defined]
