"""Data values as people read them, in the page's language: the coded values of a caseload
("male", "very_high", "looked after", "referral order") have English and Welsh names. A value
the service wrote its own way (an ethnic group it records differently, say) is shown as
written: it is the service's word, not ours."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

NAMES = {
    # sex
    "male": pgettext_lazy("sex", "male"),
    "female": pgettext_lazy("sex", "female"),
    "other": pgettext_lazy("caseload value", "other"),
    # disposals and their types
    "court": _("court disposal"),
    "out_of_court": _("out-of-court disposal"),
    "referral order": _("referral order"),
    "youth rehabilitation order": _("youth rehabilitation order"),
    "detention and training order": _("detention and training order"),
    "youth caution": _("youth caution"),
    "youth conditional caution": _("youth conditional caution"),
    "community resolution": _("community resolution"),
    # risk levels
    "low": pgettext_lazy("risk", "low"),
    "medium": pgettext_lazy("risk", "medium"),
    "high": pgettext_lazy("risk", "high"),
    "very_high": pgettext_lazy("risk", "very high"),
    # care status
    "looked after": _("looked after"),
    "not looked after": _("not looked after"),
    "not recorded": _("not recorded"),
    # the populations a sample is drawn from
    "children": _("children"),
    "victims": _("victims"),
    "statutory": _("statutory court cases"),
    # kinds of victim (2025 victims list)
    "individual": pgettext_lazy("victim", "individual"),
    "business": pgettext_lazy("victim", "business"),
    "organisation": pgettext_lazy("victim", "organisation"),
    # broad ethnic groups
    "white": _("white"),
    "mixed": _("mixed ethnicity"),
    "black": _("black"),
    "asian": _("Asian"),
}


def value_name(value: object) -> str:
    """The value's name in the active language, or the value as the service wrote it."""
    text = str(value)
    name = NAMES.get(text.strip().lower())
    return str(name) if name is not None else text.replace("_", " ")
