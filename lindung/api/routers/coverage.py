"""The JSON API for coverage."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["coverage"])
