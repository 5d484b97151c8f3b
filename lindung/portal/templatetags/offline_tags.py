"""``{% offline_config %}``: the settings and words the outbox script (js/offline.js) reads on every page."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.html import json_script
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag(takes_context=True)
def offline_config(context) -> str:
    request = context.get("request")
    user = getattr(request, "user", None)
    username = user.get_username() if user is not None and user.is_authenticated else ""
    config = {
        "user": username,
        "worker_url": reverse("service_worker"),
        "offline_url": reverse("offline_page"),
        "token_url": reverse("offline_token"),
        "logout_url": reverse("logout"),
        "api_people": "/api/people/",
        "words": {
            "waiting": _("%(n)s perubahan menunggu dikirim"),
            "conflicts": _("%(n)s perlu diperbaiki"),
            "refused": _("Server menolak data ini."),
        },
    }
    return json_script(config, "lindung-offline")
