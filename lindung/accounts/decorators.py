"""View guards. The capability table lives in ``permissions.py``; this only turns it into 302/403."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from .selectors import scope_of


def capability_required(capability: str):
    """Anonymous users go to the sign-in page; signed-in users without the capability get 403."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            scope = scope_of(request.user)
            if not scope.can(capability):
                raise PermissionDenied
            request.scope = scope
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
