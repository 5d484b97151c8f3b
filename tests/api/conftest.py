"""The figures of a schemathesis run (tests/api/test_fuzz.py), at the end of pytest's report."""

from __future__ import annotations

from tests.api.test_fuzz import TALLY


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if not TALLY:
        return
    fuzz = [
        r
        for key in ("passed", "failed")
        for r in terminalreporter.stats.get(key, [])
        if "test_fuzz" in r.nodeid
    ]
    failed = sum(1 for r in fuzz if r.failed)
    terminalreporter.write_line(
        f"schemathesis: {len(TALLY)} operations, {len(fuzz)} operation × role runs, "
        f"{sum(TALLY.values())} requests generated, {failed} failed runs"
    )
