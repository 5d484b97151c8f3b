"""Which language a request is answered in: Indonesian, unless this user chose English.

Django's ``LocaleMiddleware`` lets the browser's Accept-Language decide, and a phone set to English is common
in Indonesian offices, so it is replaced by this one. The choice, in order: the account's ``language``
(kept across devices), this session's choice (before sign-in, or an account without a choice), the cookie
Django's ``set_language`` view writes (also an explicit choice), and otherwise ``LANGUAGE_CODE`` ("id").
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.utils import translation

# Session key of the language chosen in this session.
SESSION_LANGUAGE = "lindung_language"


def _account_language(request) -> str:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return ""
    try:
        return user.account.language
    except ObjectDoesNotExist:
        return ""


def language_for_request(request) -> str:
    """The language code this request is answered in; never from Accept-Language."""
    available = dict(settings.LANGUAGES)
    session = getattr(request, "session", None)
    for choice in (
        _account_language(request),
        session.get(SESSION_LANGUAGE, "") if session is not None else "",
        request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, ""),
    ):
        if choice in available:
            return choice
    return settings.LANGUAGE_CODE


class ChosenLanguageMiddleware:
    """Activate the chosen language for the request (after authentication, which it reads)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = language_for_request(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
