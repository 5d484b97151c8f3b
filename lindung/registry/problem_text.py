"""The wording of an extract's row problems: stored in Indonesian, shown in the reader's language.

A problem is stored as the Indonesian sentence ``rows.judge`` wrote (the edition's record, whoever imported it).
A page shows it in the active language: the stored sentence is matched against these templates, its values
read back, and the template's translation filled with them. A sentence no template matches is shown as stored.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext, gettext_noop

NIK_LOST = gettext_noop(
    "NIK {} tersimpan sebagai angka sehingga digit terakhirnya hilang; ketik ulang NIK sebagai teks."
)
NIK_EMPTY = gettext_noop("NIK kosong.")
NIK_NOT_16 = gettext_noop("NIK {} bukan 16 angka.")
NIK_REPEATED = gettext_noop("NIK sama dengan baris {}; baris ini tidak diimpor.")
NAME_EMPTY = gettext_noop("Nama kosong.")
OUTSIDE = gettext_noop("Desa {} berada di luar wilayah edisi ini ({}); orang di wilayah lain tidak diimpor.")
VILLAGE_UNKNOWN = gettext_noop("Kode desa {} tidak dikenal; orang ini dicatat tanpa desa.")
DECILE_EMPTY = gettext_noop("Desil kosong.")
DECILE_UNREADABLE = gettext_noop("Desil {} tidak terbaca; desil harus angka 1 sampai 10.")
BIRTH_DATE_UNREADABLE = gettext_noop("Tanggal lahir {} tidak terbaca.")
KK_NOT_16 = gettext_noop("No KK {} bukan 16 angka; dicatat tanpa No KK.")

TEMPLATES = (
    NIK_LOST,
    NIK_EMPTY,
    NIK_NOT_16,
    NIK_REPEATED,
    NAME_EMPTY,
    OUTSIDE,
    VILLAGE_UNKNOWN,
    DECILE_EMPTY,
    DECILE_UNREADABLE,
    BIRTH_DATE_UNREADABLE,
    KK_NOT_16,
)
_PATTERNS = [(t, re.compile("^" + re.escape(t).replace(re.escape("{}"), "(.*?)") + "$")) for t in TEMPLATES]


def problem_shown(message: str) -> str:
    """A stored problem sentence in the active language."""
    for template, pattern in _PATTERNS:
        if match := pattern.match(message):
            worded = gettext(template)
            return worded.format(*match.groups()) if worded.count("{}") == len(match.groups()) else message
    return message
