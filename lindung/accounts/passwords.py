"""A password validator for the words people here reach for first: the place, the app, the year.

Django's common-password list is English-heavy; it does not know "kapuas2026" or "lindungdesa". This refuses
a password whose letters are only such words (any number of them, in any case) once digits and punctuation
are set aside, so "Kapuas-2026!" and "admin.lindung123" are refused, while a passphrase with a word of the
user's own ("kapuas-sungai-panjang-7") is not. Region names come from the regency and province rows of the
region table, besides a fixed list that works before any region is loaded.
"""

from __future__ import annotations

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from lindung.regions.models import Region

# Lower case, letters only. Provinces and a few large cities, so the list works before regions are loaded.
LOCAL_WORDS = frozenset(
    """
    lindung bpjs bpjstk ketenagakerjaan jamsostek tenaga kerja pekerja desa kelurahan kecamatan kabupaten kab
    kota provinsi pemda pemkab pemkot dinas kantor apbdes apbd dana siltap admin administrator superadmin
    operator verifikator petugas pendamping auditor user pengguna login masuk password pass sandi katasandi
    rahasia qwerty asdf abc abcd abcde indonesia merdeka garuda pancasila nkri jakarta bandung surabaya medan
    makassar semarang palembang pontianak banjarmasin palangkaraya palangka raya sampit kuala kapuas pulang
    pisau katingan barito seruyan lamandau sukamara gunung mas murung kotawaringin timur barat selatan utara
    tengah aceh sumatera sumut sumbar sumsel riau jambi bengkulu lampung bangka belitung kepulauan banten jawa
    jabar jateng jatim yogyakarta jogja diy bali nusa tenggara ntb ntt kalimantan kalteng kalbar kalsel kaltim
    kaltara sulawesi sulut sulteng sulsel sultra gorontalo sulbar maluku malut papua pegunungan daya
    """.split()  # noqa: SIM905 (a word list reads better as text)
)
_NOT_A_LETTER = re.compile(r"[^a-z]+")
_ADMINISTRATIVE = re.compile(r"^(kab\.?|kabupaten|kota|provinsi|daerah istimewa|daerah khusus ibukota)\s+")


def _letters(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return _NOT_A_LETTER.sub("", plain)


def _region_words() -> set[str]:
    """Regency and province names as one word each ("kotawaringintimur"), from the loaded region tree."""
    names = Region.objects.filter(level__lte=2).values_list("name", flat=True)
    return {w for w in (_letters(_ADMINISTRATIVE.sub("", n.lower())) for n in names) if w}


def _only_words(letters: str, words: set[str] | frozenset[str]) -> bool:
    """Whether ``letters`` splits wholly into ``words`` (a word-break over the string)."""
    ends = [True] + [False] * len(letters)
    longest = max((len(w) for w in words), default=0)
    for end in range(1, len(letters) + 1):
        ends[end] = any(
            ends[start] and letters[start:end] in words for start in range(max(0, end - longest), end)
        )
    return ends[-1]


class LocalWordsValidator:
    """Refuse a password made only of local common words, with digits and punctuation around them."""

    def validate(self, password: str, user=None) -> None:
        letters = _letters(password)
        if not letters:
            return  # all digits or punctuation: NumericPasswordValidator and the length rule speak to that
        words = LOCAL_WORDS | _region_words()
        if _only_words(letters, words):
            raise ValidationError(
                _(
                    "Kata sandi ini hanya terdiri dari kata yang mudah ditebak (nama daerah, nama aplikasi, "
                    "tahun, atau kata umum). Tambahkan kata lain yang hanya Anda ketahui."
                ),
                code="password_local_words",
            )

    def get_help_text(self) -> str:
        return _("Kata sandi tidak boleh hanya berisi nama daerah, nama aplikasi, tahun, atau kata umum.")
