"""The JSON API for renewal."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["renewal"])
