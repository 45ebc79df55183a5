"""The command line brings a 2025 victims list in as the caseload page does: all rows or none,
every problem printed."""

from __future__ import annotations

from datetime import date

from yjinspect.cases.victims import listed
from yjinspect.cli.main import main
from yjinspect.inspections import services as inspections
from yjinspect.synthetic import victims_csv


def test_a_victims_list_imports_from_the_command_line(tmp_path, alice, service, capsys):
    fieldwork = date(2025, 9, 8)
    made = inspections.create_inspection(
        alice,
        service=service,
        framework_id="hmip-yjs-2025",
        fieldwork_start=fieldwork,
        fieldwork_end=date(2025, 9, 12),
    )
    listing = tmp_path / "victims.csv"
    listing.write_text(victims_csv(15, fieldwork=fieldwork, seed=2))
    args = ["import", "victims", str(made.pk), str(listing), "--as", "alice"]
    assert main(args) == 0 and listed(made).count() == 15
    assert "15 victims listed" in capsys.readouterr().out
    listing.write_text(
        victims_csv(15, fieldwork=fieldwork, seed=2).replace("individual", "Mr Smith")
    )
    assert main(args) == 1 and listed(made).count() == 15
    assert "Mr Smith" in capsys.readouterr().err
    assert main(["import", "victims", str(made.pk), str(listing), "--as", "nobody"]) == 2


def test_census_figures_import_from_the_command_line(tmp_path, ada, alice, service, capsys):
    from yjinspect.national.models import PopulationEstimate

    figures = tmp_path / "census.csv"
    figures.write_text(f"service,ethnicity,children\n{service.name},13,900\n{service.name},7,40\n")
    assert main(["import", "population", str(figures), "--as", "ada"]) == 0
    assert "Census figures imported for 1 service(s)" in capsys.readouterr().out
    assert dict(PopulationEstimate.objects.values_list("group", "children")) == {
        "white": 900,
        "black": 40,
    }
    figures.write_text(f"service,ethnicity,children\n{service.name},13,lots\n")
    assert main(["import", "population", str(figures), "--as", "ada"]) == 1
    assert "Row 2, children" in capsys.readouterr().err
    assert main(["import", "population", str(figures), "--as", "alice"]) == 1  # not the admin
    assert PopulationEstimate.objects.get(group="white").children == 900
