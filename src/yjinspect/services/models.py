"""A youth justice service and its management board."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Nation(models.TextChoices):
    ENGLAND = "england", _("England")
    WALES = "wales", _("Wales")


class Region(models.TextChoices):
    """England's nine regions, and Wales as one: the national picture is filtered by them."""

    NORTH_EAST = "north_east", _("North East")
    NORTH_WEST = "north_west", _("North West")
    YORKSHIRE = "yorkshire", _("Yorkshire and the Humber")
    EAST_MIDLANDS = "east_midlands", _("East Midlands")
    WEST_MIDLANDS = "west_midlands", _("West Midlands")
    EAST = "east", _("East of England")
    LONDON = "london", _("London")
    SOUTH_EAST = "south_east", _("South East")
    SOUTH_WEST = "south_west", _("South West")
    WALES = "wales", _("Wales")


class YouthJusticeService(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    nation = models.CharField(_("nation"), max_length=16, choices=Nation.choices)
    region = models.CharField(_("region"), max_length=16, choices=Region.choices, blank=True)
    local_authorities = models.CharField(
        _("local authorities covered"),
        max_length=500,
        help_text=_("Separate several with commas, e.g. Blaenau Gwent, Caerphilly"),
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        # Wales is its own region; an English service is in one of England's nine.
        if self.region and (self.region == Region.WALES) != (self.nation == Nation.WALES):
            raise ValidationError({"region": _("Choose a region in the service's nation")})

    @property
    def local_authority_list(self) -> list[str]:
        return [name.strip() for name in self.local_authorities.split(",") if name.strip()]


class BoardMember(models.Model):
    """A member of the service's management board (a named office holder, not a child)."""

    service = models.ForeignKey(
        YouthJusticeService, on_delete=models.CASCADE, related_name="board_members"
    )
    name = models.CharField(_("name"), max_length=200)
    board_role = models.CharField(_("role on the board"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200)
    email = models.EmailField(
        _("e-mail address"),
        blank=True,
        help_text=_("Where the product writes to them, e.g. when a case alert is sent."),
    )
    # The chair is told of every case alert sent to the service.
    chair = models.BooleanField(_("chairs the board"), default=False)
    # Cardiff's board members were "unsure of their roles and responsibilities": each member's
    # are written down here and shown to the board.
    responsibilities = models.TextField(_("responsibilities on the board"), blank=True)

    class Meta:
        ordering = ["service", "board_role", "name"]

    def __str__(self) -> str:
        return f"{self.name}, {self.board_role}"


class PartnerContact(models.Model):
    """A named person in one of the service's partner organisations (the police, health,
    education...): they can own an improvement action and are reminded by e-mail, with no
    account of their own."""

    service = models.ForeignKey(
        YouthJusticeService, on_delete=models.CASCADE, related_name="partner_contacts"
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200, help_text=_("e.g. Detective Inspector"))
    organisation = models.CharField(
        _("organisation"), max_length=200, help_text=_("e.g. South Wales Police")
    )
    email = models.EmailField(_("e-mail address"))

    class Meta:
        ordering = ["service", "organisation", "name"]

    def __str__(self) -> str:
        return f"{self.name}, {self.role}, {self.organisation}"


def organisations_of(service: YouthJusticeService) -> list[str]:
    """The bodies a recommendation may name: the board's and the partners' organisations."""
    names = {m.organisation for m in service.board_members.all()}
    names.update(c.organisation for c in service.partner_contacts.all())
    return sorted(n for n in names if n.strip())


class ServiceChange(models.Model):
    """One service formed from another: several merged into one (Cwm Taf from Merthyr Tydfil
    and Rhondda Cynon Taf), or one split into several. A re-inspection of the successor
    compares with the predecessors' last inspections before the change."""

    class Kind(models.TextChoices):
        MERGER = "merger", _("Merged into it")
        SPLIT = "split", _("Split from it")

    predecessor = models.ForeignKey(
        YouthJusticeService, on_delete=models.PROTECT, related_name="successor_links"
    )
    successor = models.ForeignKey(
        YouthJusticeService, on_delete=models.CASCADE, related_name="predecessor_links"
    )
    kind = models.CharField(_("how it changed"), max_length=8, choices=Kind.choices)
    on = models.DateField(_("date of the change"))

    class Meta:
        ordering = ["on", "predecessor__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"], name="one_change_per_pair"
            ),
            models.CheckConstraint(
                condition=~models.Q(predecessor=models.F("successor")),
                name="not_its_own_predecessor",
            ),
        ]
