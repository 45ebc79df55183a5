"""Benchmark: the board data pack (figures built from the records, HTML, then a tagged PDF)
for a 300-child service with a year of staffing, supervision, notices, screenings and board
meetings. Target: under 3 s. The ratio to a one-page PDF made by the same renderer in the same
run is printed too, as this machine's speed varies."""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import _django

TARGET_SECONDS = 3.0
CHILDREN = 300


def main() -> int:
    _django.setup()
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from yjinspect.accounts.models import Profile, Role
    from yjinspect.boardpack import pack
    from yjinspect.catalogue.demo_service import load_service_year
    from yjinspect.quarters import Quarter
    from yjinspect.reports.services import render_pdf
    from yjinspect.services.models import BoardMember, YouthJusticeService

    service = YouthJusticeService.objects.create(
        name="Bench YJS", nation="wales", local_authorities="Bench"
    )
    for name in ("Dr A. Morgan", "Insp. R. Hughes"):
        BoardMember.objects.create(
            service=service, name=name, board_role="Member", organisation="Council"
        )
    manager = get_user_model().objects.create_user("bench-manager")
    Profile.objects.create(user=manager, role=Role.SERVICE_MANAGER, service=service)
    today = timezone.localdate()
    load_service_year(service, manager, today, children=CHILDREN)
    quarter = Quarter.containing(today).previous()

    one_page = "<html lang='en'><body><h1>Pack</h1><p>One page.</p></body></html>"
    render_pdf(one_page)  # the first PDF of a process loads the fonts
    baseline_start = time.perf_counter()
    render_pdf(one_page)
    baseline = time.perf_counter() - baseline_start
    timings = []
    for _ in range(3):
        start = time.perf_counter()
        pdf = pack.render_pdf(pack.build(service, quarter, "en"))
        timings.append(time.perf_counter() - start)
    best = min(timings)
    built = pack.build(service, quarter, "en")
    print(f"{built.open_cases} open cases, {built.information.received} notices in {quarter}")
    print(f"one-page PDF (baseline): {baseline:.2f} s")
    print(
        f"board pack: {len(pdf):,} bytes in {best:.2f} s (best of 3), "
        f"{best / baseline:.1f}x the one-page PDF"
    )
    print(f"RESULT name=boardpack value={best:.2f} unit=s target={TARGET_SECONDS}")
    return 0 if best < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
