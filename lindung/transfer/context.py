"""What one run of a batch carries from step to step: the batch, who runs it, the mapping, and the clock."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .models import ImportBatch

Progress = Callable[[float, str], None]


@dataclass
class RunContext:
    batch: ImportBatch
    actor: Any
    today: dt.date
    mapping: dict[int, str]
    progress: Progress
    started: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)
    _last: float = 0.0

    def lap(self, name: str) -> None:
        """Seconds spent since the previous lap, kept with the batch's audit event (and shown by the bench)."""
        now = time.perf_counter()
        self.timings[name] = round(now - (self._last or self.started), 3)
        self._last = now

    @property
    def programme(self):
        return self.batch.programme
