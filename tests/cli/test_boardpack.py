"""`yjinspect boardpack` writes a service's pack for a quarter as PDF or HTML."""

from __future__ import annotations

import pytest

from yjinspect.services.models import YouthJusticeService


@pytest.fixture
def service(db):
    return YouthJusticeService.objects.create(
        name="Cwm Afon YJS", nation="wales", local_authorities="Cwm Afon"
    )


def test_it_writes_the_pdf_in_welsh(cli, tmp_path, service):
    out = tmp_path / "pack.pdf"
    ran = cli(
        "boardpack", "Cwm Afon YJS", "--quarter", "2025Q3", "--language", "cy", "-o", str(out)
    )
    assert ran.code == 0, ran.err
    assert "Wrote the 2025Q3 board pack for Cwm Afon YJS" in ran.out
    assert out.read_bytes().startswith(b"%PDF")


def test_it_writes_html_when_asked(cli, tmp_path, service):
    out = tmp_path / "pack.html"
    assert cli("boardpack", str(service.pk), "--quarter", "2025Q3", "-o", str(out)).code == 0
    assert "01/07/2025" in out.read_text()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["Nowhere", "--quarter", "2025Q3"], "No service called Nowhere"),
        (["Cwm Afon YJS", "--quarter", "2025-07"], "like 2025Q3"),
    ],
)
def test_a_wrong_service_or_quarter_is_named_and_nothing_written(
    cli, tmp_path, service, argv, message
):
    out = tmp_path / "pack.pdf"
    ran = cli("boardpack", *argv, "-o", str(out))
    assert ran.code == 2 and message in ran.err
    assert not out.exists()
