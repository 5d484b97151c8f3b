"""Locust users for bench/monev_bench.py: signed-in officials opening monev dashboards at every level.

The bench starts gunicorn and passes, through the environment, a session cookie (LINDUNG_BENCH_SESSION), the
regions to pick from per level (LINDUNG_BENCH_REGIONS, a JSON file) and the period. Each user waits 1-3 s
between pages, as a person reading a dashboard does; statistics are grouped per level.
"""

from __future__ import annotations

import json
import os
import random

from locust import FastHttpUser, between, task

REGIONS = json.loads(open(os.environ["LINDUNG_BENCH_REGIONS"]).read())  # noqa: SIM115
PERIOD = os.environ.get("LINDUNG_BENCH_PERIOD", "2026-03")


class MonevUser(FastHttpUser):
    wait_time = between(1, 3)

    # FastHttpUser (geventhttpclient) costs a fraction of the CPU of requests: locust shares the 2 cores.
    default_headers = {"Cookie": f"sessionid={os.environ['LINDUNG_BENCH_SESSION']}"}

    def _open(self, level: str):
        code = random.choice(REGIONS[level])
        with self.client.get(
            "/monev/", params={"wilayah": code, "periode": PERIOD}, name=level, catch_response=True
        ) as response:
            if response.status_code != 200 or b"Monev" not in response.content:
                response.failure(f"{response.status_code} for {code!r}")

    @task(1)
    def nasional(self):
        self._open("nasional")

    @task(2)
    def provinsi(self):
        self._open("provinsi")

    @task(3)
    def kabupaten(self):
        self._open("kabupaten")

    @task(4)
    def desa(self):
        self._open("desa")
