"""The one response header Django and django-csp do not set, and the idle sign-out.

The Content-Security-Policy comes from django-csp (``CONTENT_SECURITY_POLICY`` in settings), HSTS from Django's
SecurityMiddleware (``SECURE_HSTS_SECONDS`` behind ``LINDUNG_HTTPS``).
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponseRedirect, JsonResponse, QueryDict
from django.shortcuts import resolve_url
from django.utils.translation import gettext as _

# No page uses the camera, the microphone or the location, so a script that got in cannot ask for them either.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=()"


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


# Session key of the last request's time (seconds since the epoch).
LAST_SEEN = "lindung_last_seen"
# Saving the session on every request costs a write; a minute's precision is enough for a 30-minute limit.
_TOUCH_EVERY = 60


def session_started(sender, request, user, **kwargs) -> None:
    """Start the idle clock at sign-in (``user_logged_in``), so the first request need not save the session."""
    if request is not None and hasattr(request, "session"):
        request.session[LAST_SEEN] = int(time.time())


class IdleTimeoutMiddleware:
    """Sign out a session left idle longer than ``LINDUNG_IDLE_MINUTES``, besides the fixed session age.

    A page goes to the sign-in page with a message; the API (signed in by the same session) answers 401.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            last = request.session.get(LAST_SEEN)
            if last is not None and now - last > settings.LINDUNG_IDLE_MINUTES * 60:
                return self._signed_out(request)
            if last is None or now - last >= _TOUCH_EVERY:
                request.session[LAST_SEEN] = now
        return self.get_response(request)

    def _signed_out(self, request):
        logout(request)
        message = _(
            "Anda sudah keluar karena tidak ada aktivitas selama %(minutes)d menit. Silakan masuk lagi."
        ) % {"minutes": settings.LINDUNG_IDLE_MINUTES}
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": message}, status=401)
        messages.info(request, message)
        # As django.contrib.auth.views.redirect_to_login, which cannot be imported before the apps are loaded
        # (lindung.accounts connects ``session_started`` while they load).
        query = QueryDict(mutable=True)
        query["next"] = request.get_full_path()
        return HttpResponseRedirect(f"{resolve_url(settings.LOGIN_URL)}?{query.urlencode(safe='/')}")
