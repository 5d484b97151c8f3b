from __future__ import annotations

from django.conf import settings

# Everything the pages need is vendored into static/, so nothing is allowed from elsewhere. htmx reads
# hx-* attributes, not inline scripts, which keeps 'unsafe-inline' out of script-src.
CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "object-src 'none'",
    ]
)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith(("/admin/", "/api/docs")):
            response.setdefault("Content-Security-Policy", CSP)
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        if getattr(settings, "HTTPS", False):
            response.setdefault("Strict-Transport-Security", "max-age=31536000")
        return response
