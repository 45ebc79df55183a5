"""`yjinspect frameworks list|show|validate`, and the installed console script."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from yjinspect.engine.loader import FRAMEWORKS_DIR


def test_list_names_every_installed_framework(cli):
    ran = cli("frameworks", "list")
    assert ran.code == 0
    ids = [line.split()[0] for line in ran.out.splitlines()]
    assert ids == [
        "hmip-fji-2012",
        "hmip-yjs-2018",
        "yjb-ns-2019",
        "hmip-yjs-2021",
        "hmip-yjs-2025",
    ]
    assert "yjb-ns-2019" in next(line for line in ran.out.splitlines() if "self-assessment" in line)


def test_show_gives_standards_and_key_questions_in_either_language(cli):
    english = cli("frameworks", "show", "hmip-yjs-2018").out
    assert "Overall: score out of 36 (0–6 Inadequate" in english
    assert "  2.1 Assessment (case)" in english
    assert "    3.4.2 Does the service work effectively with the police" in english
    welsh = cli("frameworks", "show", "hmip-yjs-2018", "--language", "cy").out
    assert "  1.1 Llywodraethu ac arweinyddiaeth (judgement)" in welsh
    data = cli("frameworks", "show", "hmip-yjs-2021", "--format", "json").json()
    assert data["domains"][3]["standards"][0] | {"key_questions": []} == {
        "id": "4.1",
        "title": {
            "en": "Resettlement policy and provision",
            "cy": "Polisi a darpariaeth ailsefydlu",
        },
        "basis": "judgement",
        "scored": False,
        "assessed_in_cases": False,
        "title_per_inspection": False,
        "key_questions": [],
    }


def test_show_gives_the_2025_framework_by_activity_with_both_samples(cli):
    shown = cli("frameworks", "show", "hmip-yjs-2025").out
    assert "Overall: recorded judgement" in shown
    for line in (
        "1 Work with children",
        "  1.1 Assessing (case)",
        "    1.1.3 Does assessing activity sufficiently analyse how to keep the community safe?",
        "  1.2 Planning (case)",
        "  1.3 Delivering (case)",
        "V Work with victims",
        "  V1 Work with victims (case)",
        "    V1.2 Do organisational arrangements drive",
    ):
        assert line in shown, line
    assert "Governance and leadership" not in shown  # 2025 reports rate no such standard
    joint = cli("frameworks", "show", "hmip-fji-2012").out
    assert "A1 Reducing reoffending (judgement, not scored, assessed in cases)" in joint
    assert "A6 Themed area (judgement, not scored, titled per inspection)" in joint


def test_show_an_unknown_framework_exits_2(cli):
    ran = cli("frameworks", "show", "nope")
    assert ran.code == 2 and "unknown framework 'nope'" in ran.err


def test_validate_accepts_the_shipped_files(cli):
    files = sorted(str(p) for p in FRAMEWORKS_DIR.glob("*.yaml"))
    ran = cli("frameworks", "validate", *files)
    assert ran.code == 0
    assert "valid framework 'hmip-yjs-2018' (12 standards, 38 key questions)" in ran.out


def test_validate_names_the_path_of_the_problem(cli, tmp_path: Path):
    text = (FRAMEWORKS_DIR / "hmip-yjs-2018.yaml").read_text()
    broken = tmp_path / "broken.yaml"
    broken.write_text(text.replace('- id: "2.2.1"', '- id: "2.3.1"', 1))
    ran = cli("frameworks", "validate", str(broken))
    assert ran.code == 2
    assert ran.err == (
        f"yjinspect: error: {broken}: domains[1].standards[1].key_questions[0].id: "
        "key question '2.3.1' is not numbered under standard '2.2'\n"
    )


def test_the_installed_console_script_runs_and_fails_cleanly():
    script = shutil.which("yjinspect", path=str(Path(sys.executable).parent))
    assert script, "the yjinspect console script is not installed"
    ok = subprocess.run([script, "frameworks", "list"], capture_output=True, text=True)
    assert ok.returncode == 0 and "hmip-yjs-2021" in ok.stdout
    bad = subprocess.run([script, "rate"], input="{", capture_output=True, text=True)
    assert bad.returncode == 2
    assert bad.stderr.startswith("yjinspect: error: standard input: not valid JSON")


def test_crosswalk_shows_what_corresponds_through_the_versions(cli):
    shown = cli("frameworks", "crosswalk", "hmip-yjs-2018", "hmip-yjs-2025").out
    assert "  2.1, 3.1 -> 1.1 (merged)" in shown
    assert "  3.4 -> (none) (none)" in shown
    data = cli("frameworks", "crosswalk", "hmip-yjs-2018", "hmip-yjs-2021", "--format", "json")
    links = data.json()["standards"]
    assert {"earlier": ["3.4"], "later": [], "kind": "none"} in links
    refused = cli("frameworks", "crosswalk", "hmip-yjs-2025", "hmip-yjs-2018")
    assert refused.code == 2 and "is not earlier than" in refused.err
