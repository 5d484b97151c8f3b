"""The one response header Django and django-csp do not set.

The Content-Security-Policy comes from django-csp (``CONTENT_SECURITY_POLICY`` in settings), HSTS from Django's
SecurityMiddleware (``SECURE_HSTS_SECONDS`` behind ``LINDUNG_HTTPS``).
"""

from __future__ import annotations

# No page uses the camera, the microphone or the location, so a script that got in cannot ask for them either.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=()"


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
