"""Benchmark: the full report PDF (HTML built from the records, then a tagged PDF) for an
assessed inspection of about 100 cases. Target: under 3 s. The ratio to a one-page PDF made
by the same renderer in the same run is printed too, as this machine's speed varies."""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import _django

TARGET_SECONDS = 3.0


def main() -> int:
    _django.setup()
    from pages import build_inspection  # the same ~100-case inspection as bench/pages.py
    from yjinspect.inspections.models import Inspection
    from yjinspect.reports import services as reports

    # Walked to monitoring by the demo's fill_inspection: findings, recommendations, published.
    inspection_id, _case = build_inspection()
    inspection = Inspection.objects.get(pk=inspection_id)
    assert inspection.recommendations.exists()
    one_page = "<html lang='en'><body><h1>Report</h1><p>One page.</p></body></html>"
    reports.render_pdf(one_page)  # the first PDF of a process loads the fonts
    baseline_start = time.perf_counter()
    reports.render_pdf(one_page)
    baseline = time.perf_counter() - baseline_start
    timings = []
    for _ in range(3):
        start = time.perf_counter()
        pdf = reports.render_pdf(reports.render_html(inspection, "en"))
        timings.append(time.perf_counter() - start)
    best = min(timings)
    print(f"one-page PDF (baseline): {baseline:.2f} s")
    print(
        f"full report: {len(pdf):,} bytes in {best:.2f} s (best of 3), "
        f"{best / baseline:.1f}x the one-page PDF"
    )
    print(f"RESULT name=report value={best:.2f} unit=s target={TARGET_SECONDS}")
    return 0 if best < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
