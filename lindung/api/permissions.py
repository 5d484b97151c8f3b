"""The one permission helper of the API. Routers call ``require``; services check again with the actor.

A refusal is audited (``accounts.access``) and answers a JSON 403 through the handler in ``api.main``.
"""

from __future__ import annotations

from lindung.accounts.access import access_require
from lindung.accounts.selectors import Scope


def require(request, capability: str, *, region_code: str | None = None) -> Scope:
    """The caller's scope when its role holds ``capability`` (over ``region_code`` when given).

    The scope is also left on ``request.scope``, as the page decorator does.
    """
    request.scope = access_require(
        request.user,
        capability,
        region_code=region_code,
        object_type="api",
        what=f"API {request.method} {request.path}",
    )
    return request.scope
