"""Template helpers shared by every page: money, Indonesian dates, NIK display and the role's navigation.

Only presentation lives here. Which links a role sees comes from ``accounts.permissions.CAPABILITIES``, the
same table the views check, so a link is never shown for a page that would answer 403.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django import template
from django.template.defaultfilters import date as date_filter
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from lindung.accounts.selectors import scope_of
from lindung.core.formats import number
from lindung.core.money import rupiah as _rupiah
from lindung.people.selectors import nik_for_display
from lindung.portal.audit_labels import change_text as _change_text
from lindung.portal.glossary import TERMS_BY_KEY

register = template.Library()


@register.filter
def rupiah(amount) -> str:
    """``Rp 20.160.000``; empty for a missing amount."""
    if amount is None or amount == "":
        return ""
    return _rupiah(amount)


@register.filter
def angka(value) -> str:
    """``21.400`` in Indonesian, ``21,400`` in English: whole numbers with the locale's grouping."""
    if value is None or value == "":
        return ""
    return number(value)


@register.filter(expects_localtime=True)
def tanggal(value) -> str:
    """``17 Agustus 2026`` in Indonesian, ``17 August 2026`` in English (Django's locale month names)."""
    if not value:
        return ""
    return date_filter(value, "j F Y")


@register.filter(expects_localtime=True)
def waktu(value) -> str:
    """``17 Agustus 2026 14.05``: date and local time."""
    if not value:
        return ""
    if isinstance(value, dt.datetime):
        return date_filter(value, "j F Y H.i")
    return date_filter(value, "j F Y")


@register.simple_tag(takes_context=True)
def show_nik(context, nik: str) -> str:
    """The NIK as the requesting user may see it (masked for roles whose work does not need it)."""
    request = context.get("request")
    return nik_for_display(getattr(request, "user", None), nik) if nik else ""


@register.simple_tag(takes_context=True)
def can(context, capability: str) -> bool:
    request = context.get("request")
    return scope_of(getattr(request, "user", None)).can(capability)


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    capability: str | None


# Pages built by other apps appear as soon as their URL name exists; a missing one is left out rather than
# breaking every page while that app is unfinished.
NAV: list[NavItem] = [
    NavItem(_("Beranda"), "home", None),
    NavItem(_("Pekerja"), "people:list", "worker.view"),
    NavItem(_("Unggah"), "transfer:upload", "import.upload"),
    NavItem(_("Verifikasi"), "enrolment:queue", "enrolment.review"),
    NavItem(_("Registri sosial"), "registry:editions", "registry.view"),
    NavItem(_("Data ganda"), "dedup:list", "duplicate.view"),
    NavItem(_("Program"), "programmes:list", "programme.view"),
    NavItem(_("Pendanaan"), "funding:picture", "monev.manage"),
    NavItem(_("Sponsor"), "sponsorship:list", "sponsorship.view"),
    NavItem(_("Pertukaran BPJS"), "transfer:insurer", "insurer.export"),
    NavItem(_("Tagihan"), "billing:bill_list", "bill.view"),
    NavItem(_("Rincian iuran"), "transfer:statements", "bill.view"),
    NavItem(_("Tunggakan"), "billing:arrears", "bill.view"),
    NavItem(_("Klaim"), "claims:list", "claim.view"),
    NavItem(_("Pertukaran klaim"), "transfer:claims_exchange", "claim.decide"),
    NavItem(_("Monev"), "monev:dashboard", "monev.view"),
    NavItem(_("UCJ"), "monev:ucj", "monev.view"),
    NavItem(_("Rapat monev"), "meetings:list", "monev.view"),
    NavItem(_("Jejak audit"), "audit", "audit.view"),
    NavItem(_("Pengguna"), "accounts:users", "account.manage"),
]


def _reverse(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


@register.inclusion_tag("_nav_links.html", takes_context=True)
def nav_links(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    scope = scope_of(user)
    path = getattr(request, "path", "")
    items = []
    if scope.allowed:
        for item in NAV:
            if item.capability and not scope.can(item.capability):
                continue
            url = _reverse(item.url_name)
            if url is None:
                continue
            current = path == url if url == "/" else path.startswith(url)
            items.append({"label": item.label, "url": url, "current": current})
    return {"items": items}


@register.simple_tag
def term(key: str, word: str = ""):
    """A glossary word on a page: a link to its entry, named with its short explanation for screen readers."""
    entry = TERMS_BY_KEY[key]
    shown = word or entry.word
    return format_html(
        '<a class="term" href="{}#{}" title="{}" aria-label="{}">{}</a>',
        reverse("glossary"),
        entry.key,
        entry.short,
        f"{shown}: {entry.short}",
        shown,
    )


@register.filter
def change_text(event) -> str:
    """An audit event as a page shows it: the action's label and the changed fields' labels, never codes."""
    return _change_text(event)
