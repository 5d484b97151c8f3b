"""The meetings endpoints. They call the same services and selectors as the pages."""

from ninja import Router

router = Router(tags=["meetings"])
