from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from lindung.core.fields import RegionCodeField


class Region(models.Model):
    """A Kemendagri region: provinsi (level 1) → kabupaten/kota (2) → kecamatan/distrik (3) → desa/kelurahan (4).

    Keyed by the dotted code; descendants are a prefix range on the primary key (``core.fields.within_region``).
    A code that disappears in a newer data edition is kept with ``retired_at`` set, so that workers and
    programmes that point at it keep their history.
    """

    class Type(models.TextChoices):
        PROVINSI = "provinsi", _("provinsi")
        KABUPATEN = "kabupaten", _("kabupaten")
        KOTA = "kota", _("kota")
        KECAMATAN = "kecamatan", _("kecamatan")
        DISTRIK = "distrik", _("distrik")
        KELURAHAN = "kelurahan", _("kelurahan")
        DESA = "desa", _("desa")
        DESA_ADAT = "desa_adat", _("desa adat")

    code = RegionCodeField(_("kode"), primary_key=True)
    name = models.CharField(_("nama"), max_length=120)
    level = models.PositiveSmallIntegerField(_("tingkat"), db_index=True)
    type = models.CharField(_("jenis"), max_length=10, choices=Type.choices)
    parent_code = RegionCodeField(_("kode induk"), blank=True, db_index=True)
    postal_code = models.CharField(_("kode pos"), max_length=5, blank=True)
    edition = models.CharField(_("edisi data"), max_length=60, blank=True)
    retired_at = models.DateTimeField(_("tidak berlaku sejak"), null=True, blank=True)

    class Meta:
        verbose_name = _("wilayah")
        verbose_name_plural = _("wilayah")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def is_village(self) -> bool:
        return self.level == 4

    def ancestor_codes(self) -> list[str]:
        parts = self.code.split(".")
        return [".".join(parts[:i]) for i in range(1, len(parts))]
