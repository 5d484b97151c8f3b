"""Demo UCJ figures: a synthetic insurer report that reproduces Kalimantan Barat's reported 35,35 % against
the 50,24 % RPJMN 2024 target (October 2024), and Kapuas's vulnerable-worker count with its 90 % goal.
Synthetic numbers, labelled so; a second run changes nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from lindung.regions.models import VulnerableWorkerCount
from lindung.regions.services import vulnerable_count_set
from lindung.transfer.insurer_figures import insurer_figures_import

INSURER_FILE = Path(__file__).parents[1] / "data" / "insurer_figures_kalbar_2024_10.csv"
EDITION = "BPJS Ketenagakerjaan, laporan Oktober 2024 (DATA SINTETIS DEMO)"
KAPUAS = "62.03"
KAPUAS_VULNERABLE = 35_000  # synthetic: the demo's own round figure, not a published count
KAPUAS_GOAL = 90  # "90 % dari pekerja rentan kami" (DOMAIN.md)


def demo_ucj(today: dt.date) -> None:
    """Import the demo insurer file and enter Kapuas's vulnerable-worker count for this year."""
    insurer_figures_import(actor=None, path=INSURER_FILE, edition=EDITION)
    known = VulnerableWorkerCount.objects.filter(
        region_id=KAPUAS, year=today.year, source=VulnerableWorkerCount.Source.ENTERED
    ).first()
    if known is None or known.count != KAPUAS_VULNERABLE or known.goal_percent != KAPUAS_GOAL:
        vulnerable_count_set(
            actor=None,
            region_code=KAPUAS,
            year=today.year,
            count=KAPUAS_VULNERABLE,
            source_note="Contoh demo (bukan angka resmi)",
            goal_percent=KAPUAS_GOAL,
        )
