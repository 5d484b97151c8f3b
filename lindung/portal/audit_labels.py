"""How an audit event reads on a page: the object's kind and name, and changed fields by their labels.

Events keep codes (``worker``, ``category``) because they are records; pages show what a village office
understands ("pekerja Siti Aminah", "kategori pekerja"). Names are looked up per page in one query per kind.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext_lazy as _

from lindung.accounts.models import Account, Sponsor
from lindung.enrolment.models import Enrolment
from lindung.people.models import Worker
from lindung.programmes.models import Programme
from lindung.transfer.models import ImportBatch


@dataclass(frozen=True)
class ObjectKind:
    label: Any
    model: type[models.Model] | None = None
    name_field: str = ""


OBJECT_KINDS: dict[str, ObjectKind] = {
    "worker": ObjectKind(_("pekerja"), Worker, "full_name"),
    "enrolment": ObjectKind(_("kepesertaan"), Enrolment, "worker__full_name"),
    "programme": ObjectKind(_("program"), Programme, "name"),
    "account": ObjectKind(_("akun"), get_user_model(), "username"),
    "sponsor": ObjectKind(_("sponsor"), Sponsor, "name"),
    "import_batch": ObjectKind(_("impor"), ImportBatch, "original_name"),
    "import": ObjectKind(_("impor"), ImportBatch, "original_name"),
    "bill": ObjectKind(_("tagihan")),
    "claim": ObjectKind(_("klaim")),
    "claim_decision_batch": ObjectKind(_("keputusan klaim BPJS")),
    "insurer_export": ObjectKind(_("berkas untuk BPJS")),
    "statement": ObjectKind(_("rekening koran")),
    "statement_line": ObjectKind(_("baris rekening koran")),
    "arrears": ObjectKind(_("tunggakan")),
    "backup": ObjectKind(_("cadangan data")),
    "job": ObjectKind(_("pekerjaan latar")),
    "monev": ObjectKind(_("monev")),
    "coverage": ObjectKind(_("cakupan")),
    "coverage_target": ObjectKind(_("target cakupan")),
    "working_population": ObjectKind(_("penduduk bekerja")),
    "income_bracket": ObjectKind(_("golongan penghasilan")),
    "region": ObjectKind(_("wilayah")),
    "api": ObjectKind(_("API")),
    "scheduled_run": ObjectKind(_("jadwal otomatis")),
    "billing_daily": ObjectKind(_("tagihan harian")),
    "meeting": ObjectKind(_("rapat")),
    "recommendation": ObjectKind(_("rekomendasi rapat")),
    "registry_edition": ObjectKind(_("edisi registri")),
    "csr_commitment": ObjectKind(_("komitmen CSR")),
    "csr_payment": ObjectKind(_("pembayaran CSR")),
    "duplicate": ObjectKind(_("dugaan data ganda")),
    "sponsorship": ObjectKind(_("sponsor pekerja")),
    "insurer_participant_count": ObjectKind(_("jumlah peserta dari BPJS")),
    "vulnerable_worker_count": ObjectKind(_("jumlah pekerja rentan")),
    "region_boundary": ObjectKind(_("batas wilayah")),
    "template": ObjectKind(_("templat impor")),
    "page": ObjectKind(_("halaman")),
}

# Which model's field labels name the fields an update event lists in ``detail["fields"]``.
FIELD_MODELS: dict[str, type[models.Model]] = {
    "worker": Worker,
    "programme": Programme,
    "account": Account,
    "sponsor": Sponsor,
}


def kind_label(object_type: str) -> str:
    """The kind's Indonesian (or English) label; an unknown kind reads with its underscores as spaces."""
    kind = OBJECT_KINDS.get(object_type)
    return str(kind.label) if kind else object_type.replace("_", " ")


def object_names(events: Iterable[Any]) -> dict[tuple[str, str], str]:
    """(object_type, object_id) → the object's name, for the events of one page, one query per kind."""
    wanted: dict[str, set[str]] = defaultdict(set)
    for e in events:
        kind = OBJECT_KINDS.get(e.object_type)
        if kind and kind.model is not None and str(e.object_id).isdigit():
            wanted[e.object_type].add(str(e.object_id))
    names: dict[tuple[str, str], str] = {}
    for object_type, ids in wanted.items():
        kind = OBJECT_KINDS[object_type]
        assert kind.model is not None
        rows = kind.model._default_manager.filter(pk__in=[int(i) for i in ids]).values_list(
            "pk", kind.name_field
        )
        names.update({(object_type, str(pk)): str(name) for pk, name in rows})
    return names


def object_text(event: Any, names: dict[tuple[str, str], str]) -> str:
    """ "pekerja Siti Aminah"; without a name (removed, or a kind without names) "klaim 12"."""
    label = kind_label(event.object_type)
    if not event.object_type:
        return ""
    name = names.get((event.object_type, str(event.object_id)))
    if name:
        return f"{label} {name}"
    return f"{label} {event.object_id}".strip()


def field_labels(object_type: str, fields: Iterable[str]) -> list[str]:
    """The verbose names of changed fields; a field the model no longer has keeps its name, spaced."""
    model = FIELD_MODELS.get(object_type)
    labels = []
    for name in fields:
        try:
            field = model._meta.get_field(name) if model else None
            labels.append(str(getattr(field, "verbose_name", name)) if field is not None else name)
        except FieldDoesNotExist:
            labels.append(name.replace("_", " "))
    return labels


def change_text(event: Any) -> str:
    """What an event says on a page: its action's label, and for an update the changed fields' labels."""
    text = str(event.get_action_display())
    fields = (event.detail or {}).get("fields") if isinstance(event.detail, dict) else None
    if fields:
        text += ": " + ", ".join(field_labels(event.object_type, fields))
    return text
