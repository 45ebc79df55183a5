"""The Jinja2 environment for our pages: Django's URL reversing, static files, messages,
translations, and helpers that feed Django form fields to GOV.UK Frontend's macros."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django import forms
from django.contrib.messages import get_messages
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone, translation
from jinja2 import ChoiceLoader, Environment, PackageLoader, PrefixLoader, pass_context
from jinja2.runtime import Context
from markupsafe import Markup, escape

from yjinspect.values import value_name


def url(name: str, *args: Any, **kwargs: Any) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def link(href: str, text: Any, classes: str = "govuk-link") -> Markup:
    """An escaped link for a table cell's "html": never build markup by joining strings in a
    template, where a translated or escaped part turns the whole cell into escaped text."""
    return Markup('<a class="{}" href="{}">{}</a>').format(classes, href, text)


def visually_hidden(text: Any) -> Markup:
    """Text for screen readers only (a table's actions column heading, say)."""
    return Markup('<span class="govuk-visually-hidden">{}</span>').format(text)


def also_for(text: Any) -> Markup:
    """Whom a repeated action is for, read by screen readers after its label ("Remove"
    then " R. Jones"): the space is inside, so no string is joined in a template."""
    return Markup('<span class="govuk-visually-hidden"> {}</span>').format(text)


def code(text: Any) -> Markup:
    return Markup('<code class="govuk-body-s">{}</code>').format(escape(text))


def allows(inspection: Any, operation: str) -> bool:
    """Whether the inspection's stage allows an operation (lifecycle.Operation's value), so a
    page offers only what is possible now."""
    from yjinspect.inspections.lifecycle import allows as stage_allows
    from yjinspect.inspections.lifecycle import operation_named

    return stage_allows(inspection, operation_named(operation))


@pass_context
def may(context: Context, rule: str, record: Any = None) -> bool:
    """Whether the signed-in person may do ``rule`` (see inspections.permissions), so a page
    offers only what this person may open or do."""
    from yjinspect.inspections.permissions import may as person_may

    return person_may(context["request"].user, rule, record)


def error_list(form: forms.BaseForm) -> list[dict[str, str]]:
    """The error summary's entries, each linking to its field (GOV.UK pattern)."""
    entries: list[dict[str, str]] = []
    for name, errors in form.errors.items():
        href = f"#{form[name].auto_id}" if name in form.fields else "#main-content"
        entries.extend({"text": str(error), "href": href} for error in errors)
    return entries


def when(moment: datetime | None) -> str:
    """A moment as people here read it: local time, DD/MM/YYYY HH:MM."""
    return timezone.localtime(moment).strftime("%d/%m/%Y %H:%M") if moment else "–"


def uk_date(value: date | str | None) -> str:
    """A date (or an ISO date string, as stored in JSON) as DD/MM/YYYY."""
    if not value:
        return "–"
    day = date.fromisoformat(value) if isinstance(value, str) else value
    return day.strftime("%d/%m/%Y")


def field_params(field: forms.BoundField, **extra: Any) -> dict[str, Any]:
    """Parameters for a GOV.UK macro (govukInput, govukRadios, ...) from a Django field."""
    params: dict[str, Any] = {
        "id": field.auto_id,
        "name": field.html_name,
        "label": {"text": str(field.label)},
        "hint": {"text": str(field.help_text)} if field.help_text else None,
    }
    if field.errors:
        params["errorMessage"] = {"text": " ".join(str(e) for e in field.errors)}
    widget = field.field.widget
    value = field.value()
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple | forms.Select):
        chosen = {str(v) for v in value} if isinstance(value, list) else {str(value)}
        params["idPrefix"] = field.auto_id
        params["fieldset"] = {
            "legend": {"text": str(field.label), "classes": "govuk-fieldset__legend--s"}
        }
        params["items"] = [
            {
                "value": str(key),
                "text": str(text),
                "checked": str(key) in chosen,
                "selected": str(key) in chosen,
            }
            for key, text in field.field.choices  # type: ignore[attr-defined]
            # A model field's empty choice ("---------") is a select's prompt, never a radio.
            if not (isinstance(widget, forms.RadioSelect) and str(key) == "")
        ]
    else:
        params["value"] = "" if value is None else value
    params.update(extra)
    return params


def environment(**options: Any) -> Environment:
    # Children's data is shown on these pages: autoescaping is not optional.
    options.setdefault("autoescape", True)
    assert options["autoescape"] is True, "templates must autoescape"
    options.setdefault("extensions", []).extend(["jinja2.ext.i18n", "jinja2.ext.do"])
    # GOV.UK Frontend's own macros, not hand-copied markup:
    # {% from "govuk_frontend_jinja/components/button/macro.html" import govukButton %}
    options["loader"] = ChoiceLoader(
        [
            options["loader"],
            PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")}),
        ]
    )
    env = Environment(**options)  # autoescape asserted above
    env.install_gettext_translations(translation, newstyle=True)  # type: ignore[attr-defined]
    env.globals.update(
        {
            "url": url,
            "static": static,
            "get_language": translation.get_language,
            "get_messages": get_messages,
            "error_list": error_list,
            "link": link,
            "allows": allows,
            "may": may,
            "visually_hidden": visually_hidden,
            "also_for": also_for,
            "code": code,
            "field_params": field_params,
            "when": when,
        }
    )
    env.filters["uk_date"] = uk_date
    env.filters["value_name"] = value_name
    return env
