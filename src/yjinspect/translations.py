"""Keep the Welsh translation catalogue in step with the English strings in templates and code.

``yjinspect messages`` extracts every translatable string, adds new ones to the ``cy`` catalogue
(keeping existing translations), drops ones no longer used and compiles the ``.mo`` file that
Django reads. ``yjinspect messages --check`` (run by the tests) fails while any string lacks
Welsh or the compiled file is stale, so no English string ships untranslated. Needs Babel (a
development dependency); the running product only reads the compiled file.
"""

from __future__ import annotations

import io
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
LOCALE_DIR = PACKAGE_DIR / "locale"
LANGUAGES = ("cy",)
KEYWORDS = {
    "_": None,
    "gettext": None,
    "gettext_lazy": None,
    "ngettext": (1, 2),
    "ngettext_lazy": (1, 2),
    "pgettext": ((1, "c"), 2),
    "pgettext_lazy": ((1, "c"), 2),
}


def extract() -> object:
    """A Babel catalogue of every translatable string in our templates and Python code."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir

    catalog = Catalog(project="yjinspect", charset="utf-8")
    method_map = [
        ("**/locale/**", "ignore"),
        ("templates/**.html", "jinja2.ext:babel_extract"),
        ("templates/**.txt", "jinja2.ext:babel_extract"),  # e-mails
        ("**.py", "python"),
    ]
    jinja_options = {
        "extensions": "jinja2.ext.i18n,jinja2.ext.do",
        "newstyle_gettext": "true",
        "silent": "false",  # a template that fails to parse must fail the check
    }
    options = {"templates/**.html": jinja_options, "templates/**.txt": jinja_options}
    for filename, lineno, message, comments, context in extract_from_dir(
        PACKAGE_DIR, method_map, options_map=options, keywords=KEYWORDS
    ):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def _paths(language: str) -> tuple[Path, Path]:
    folder = LOCALE_DIR / language / "LC_MESSAGES"
    return folder / "django.po", folder / "django.mo"


def _compiled(catalog: object) -> bytes:
    from babel.messages.mofile import write_mo

    buffer = io.BytesIO()
    write_mo(buffer, catalog)  # type: ignore[arg-type]
    return buffer.getvalue()


def _messages(compiled: bytes) -> dict[object, object]:
    """What a compiled catalogue says, without its header: the header names the Babel version
    that wrote it, and a newer Babel does not make a catalogue stale."""
    from babel.messages.mofile import read_mo

    def key(value: object) -> object:
        return tuple(value) if isinstance(value, list | tuple) else value

    return {
        key(message.id): key(message.string)
        for message in read_mo(io.BytesIO(compiled))
        if message.id
    }


def problems(language: str) -> list[str]:
    """What is wrong with one language's catalogue; empty when it is complete and compiled."""
    from babel.messages.pofile import read_po

    po_path, mo_path = _paths(language)
    if not po_path.exists():
        return [f"{po_path} is missing: run 'yjinspect messages'"]
    with po_path.open("rb") as handle:
        existing = read_po(handle, locale=language)
    found: list[str] = []
    template = extract()
    for message in template:  # type: ignore[attr-defined]
        if not message.id:
            continue
        translated = existing.get(message.id, message.context)
        if translated is None:
            found.append(f"not in {po_path.name}: {message.id!r} (run 'yjinspect messages')")
        elif not translated.string or (
            isinstance(translated.string, tuple) and not all(translated.string)
        ):
            found.append(f"no {language} translation for {message.id!r}")
    if not mo_path.exists() or _messages(mo_path.read_bytes()) != _messages(_compiled(existing)):
        found.append(f"{mo_path} is out of date: run 'yjinspect messages'")
    return found


def update() -> list[Path]:
    """Merge new strings into each catalogue, drop unused ones, compile; return the files."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po, write_po

    template = extract()
    written: list[Path] = []
    for language in LANGUAGES:
        po_path, mo_path = _paths(language)
        po_path.parent.mkdir(parents=True, exist_ok=True)
        if po_path.exists():
            with po_path.open("rb") as handle:
                catalog = read_po(handle, locale=language)
        else:
            catalog = Catalog(locale=language, project="yjinspect", charset="utf-8")
        catalog.update(template, no_fuzzy_matching=True)  # type: ignore[arg-type]
        catalog.obsolete.clear()
        with po_path.open("wb") as handle:
            write_po(handle, catalog, width=100, omit_header=False, sort_output=True)
        with po_path.open("rb") as handle:  # compile from what was written, as --check will
            mo_path.write_bytes(_compiled(read_po(handle, locale=language)))
        written += [po_path, mo_path]
    return written
