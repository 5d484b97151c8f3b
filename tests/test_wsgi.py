"""The WSGI entry point gunicorn loads."""

from __future__ import annotations

import os
import subprocess
import sys

from django.conf import settings


def test_the_loaded_application_is_frozen_out_of_full_collections():
    code = "import gc, lindung.wsgi; print(gc.get_freeze_count())"
    env = dict(os.environ, LINDUNG_DATA_DIR=str(settings.DATA_DIR))
    out = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True, timeout=120
    )
    assert int(out.stdout.split()[-1]) > 50_000
