"""Backup and restore of one Lindung: the database and the files of its data folder, in one file.

``backup_create`` steps:
1. a consistent copy of the database with the row count of every table (``databases.database_dump``);
2. every file under MEDIA_ROOT (uploads, their row outcomes, result workbooks, insurer files), taken after
   the database copy, so every file the copy names is there (they are written before the rows naming them);
3. the manifest (counts, sha256 of each member), written last; the file is renamed into place only when
   complete; then the ``ops.backup`` audit event.

``backup_restore`` steps: read the manifest; extract every member checking its sha256; refuse a target
database or file folder that is not empty; load the database; put the files in place; compare the row count
of every table and the sha256 of every restored file with the manifest; only then write ``ops.restore``.
"""

from __future__ import annotations

import os
import platform
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext as _

from lindung.core.audit import AuditAction
from lindung.core.models import AuditEvent
from lindung.core.services import audit_record
from lindung.people.models import Worker
from lindung.regions.models import Region

from . import databases
from .archive import ArchiveWriter, BackupUnreadable, extract_verified, file_sha256, read_manifest

MEDIA = "media/"


class RestoreRefused(ValueError):
    """The target is not empty, the backup does not fit it, or the restored copy does not match."""


@dataclass(frozen=True)
class BackupReport:
    path: Path
    tables: int
    rows: int
    files: int
    bytes: int
    sha256: str

    @property
    def summary(self) -> str:
        return _("Cadangan %(name)s: %(tables)s tabel, %(rows)s baris, %(files)s berkas, sha256 %(sha)s") % {
            "name": self.path.name,
            "tables": self.tables,
            "rows": self.rows,
            "files": self.files,
            "sha": self.sha256,
        }


def _media_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def _media_files() -> list[Path]:
    root = _media_root()
    if not root.exists():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink())


def backup_create(*, actor, path: Path, alias: str = "default") -> BackupReport:
    """Write the database, the data folder's files and a manifest into one file at ``path``."""
    path = Path(path).resolve()
    engine = databases.engine_of(alias)
    partial = path.with_name(f".{path.name}.partial")
    with tempfile.TemporaryDirectory(prefix="lindung-backup-") as work:
        dump = Path(work) / Path(databases.DUMP_NAME[engine]).name
        counts = databases.database_dump(dump, alias=alias)
        writer = ArchiveWriter(partial)
        try:
            writer.add(dump, databases.DUMP_NAME[engine])
            files = _media_files()
            for file in files:
                writer.add(file, MEDIA + file.relative_to(_media_root()).as_posix())
            writer.close(
                {
                    "created_at": timezone.now().isoformat(),
                    "engine": engine,
                    "database": databases.DUMP_NAME[engine],
                    "tables": counts,
                    "host": platform.node(),
                }
            )
        except BaseException:
            writer.tar.close()
            partial.unlink(missing_ok=True)
            raise
    os.replace(partial, path)
    report = BackupReport(
        path, len(counts), sum(counts.values()), len(files), path.stat().st_size, file_sha256(path)
    )
    audit_record(
        actor=actor,
        action=AuditAction.OPS_BACKUP,
        object_type="backup",
        object_id=path.name[:64],
        summary=report.summary,
        detail={"path": str(path), "sha256": report.sha256, "tables": counts, "files": len(files)},
    )
    return report


# --- Restore ------------------------------------------------------------------------------------------


def _used_tables() -> list[str]:
    # Every act is audited and every use starts with accounts and regions: a database with none of these
    # rows has never held data, whether it is brand new or only migrated (migrations seed rule rows).
    models: list[Any] = [get_user_model(), AuditEvent, Region, Worker]
    return [m._meta.db_table for m in models]


def _refuse_unless_empty(alias: str) -> None:
    for table in _used_tables():
        rows = databases.table_rows(table, alias=alias)
        if rows:
            raise RestoreRefused(
                _(
                    "Basis data tujuan tidak kosong: tabel %(table)s berisi %(rows)s baris. Pemulihan hanya "
                    "ke basis data kosong (baru dibuat atau baru dimigrasi)."
                )
                % {"table": table, "rows": rows}
            )
    if files := _media_files():
        raise RestoreRefused(
            _(
                "Folder berkas tujuan %(path)s tidak kosong (%(n)s berkas). Pemulihan hanya ke folder data baru."
            )
            % {"path": _media_root(), "n": len(files)}
        )


def _verify(manifest: dict[str, Any], alias: str) -> None:
    counts = databases.database_counts(alias=alias)
    for table, expected in sorted(manifest["tables"].items()):
        if counts.get(table) != expected:
            raise RestoreRefused(
                _(
                    "Pemeriksaan setelah pemulihan gagal: tabel %(table)s berisi %(found)s baris, "
                    "menurut manifest %(expected)s."
                )
                % {"table": table, "found": counts.get(table), "expected": expected}
            )
    for name, member in sorted(manifest["members"].items()):
        if not name.startswith(MEDIA):
            continue
        restored = _media_root().joinpath(*name.removeprefix(MEDIA).split("/"))
        if not restored.is_file() or file_sha256(restored) != member["sha256"]:
            raise RestoreRefused(
                _("Pemeriksaan setelah pemulihan gagal: berkas %(member)s tidak cocok dengan manifest.")
                % {"member": name}
            )


def backup_restore(*, actor, path: Path, alias: str = "default") -> BackupReport:
    """Fill an empty database and data folder from a backup file, and check both against its manifest."""
    path = Path(path).resolve()
    manifest = read_manifest(path)
    engine = databases.engine_of(alias)
    if manifest.get("engine") != engine:
        raise RestoreRefused(
            _(
                "Cadangan ini dari basis data %(source)s, tujuan %(target)s. Pulihkan ke jenis basis data yang sama."
            )
            % {"source": manifest.get("engine"), "target": engine}
        )
    settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
    # Staged inside the data folder so that the files move into MEDIA_ROOT by rename, not by copy. The
    # backup is checked whole first: a damaged one is refused whatever the target holds.
    with tempfile.TemporaryDirectory(prefix=".restore-", dir=settings.DATA_DIR) as work:
        staged = extract_verified(path, manifest, Path(work))
        _refuse_unless_empty(alias)
        databases.database_load(staged[manifest["database"]], alias=alias)
        for name, file in staged.items():
            if name.startswith(MEDIA):
                target = _media_root().joinpath(*name.removeprefix(MEDIA).split("/"))
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.move(file, target)
    _verify(manifest, alias)
    files = sum(1 for name in manifest["members"] if name.startswith(MEDIA))
    report = BackupReport(
        path,
        len(manifest["tables"]),
        sum(manifest["tables"].values()),
        files,
        path.stat().st_size,
        file_sha256(path),
    )
    audit_record(
        actor=actor,
        action=AuditAction.OPS_RESTORE,
        object_type="backup",
        object_id=path.name[:64],
        summary=_("Dipulihkan dari %(summary)s") % {"summary": report.summary},
        detail={"path": str(path), "sha256": report.sha256, "created_at": manifest.get("created_at", "")},
    )
    return report


__all__ = ["BackupReport", "BackupUnreadable", "RestoreRefused", "backup_create", "backup_restore"]
