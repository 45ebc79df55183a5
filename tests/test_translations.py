"""Every English string in the interface has a Welsh translation, compiled and shipped."""

from __future__ import annotations

from yjinspect import translations


def test_every_interface_string_has_welsh_and_the_catalogue_is_compiled():
    assert translations.problems("cy") == []
