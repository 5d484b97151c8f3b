"""The backup file: a tar (``.tar``, or ``.tar.gz``/``.tgz`` compressed) of the database copy, the files of
the data folder under ``media/``, and ``manifest.json`` last, which lists every other member with its sha256
and size, and the row count of every table.

Reading extracts only the members the manifest names, as regular files under a staging folder, and checks
each against its sha256 while it is written, so a damaged or altered backup is refused before anything is
restored.
"""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
from pathlib import Path, PurePosixPath
from typing import IO, Any

from django.utils.translation import gettext as _

MANIFEST = "manifest.json"
FORMAT = "lindung-backup"
CHUNK = 1024 * 1024


class BackupUnreadable(ValueError):
    """The file is not a Lindung backup, or a member does not match the manifest."""


def _open(path: Path, writing: bool) -> tarfile.TarFile:
    if not writing:
        return tarfile.open(path, "r:*")
    return tarfile.open(path, "w:gz") if path.name.endswith((".tar.gz", ".tgz")) else tarfile.open(path, "w")


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


class _Hashing(io.RawIOBase):
    """A reader that hashes what tarfile copies from it, so each file is read once."""

    def __init__(self, fh: IO[bytes]):
        self.fh, self.digest = fh, hashlib.sha256()

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        data = self.fh.read(size)
        self.digest.update(data)
        return data


class ArchiveWriter:
    """Add files one by one, then ``close(manifest)`` appends the manifest with every member's sha256."""

    def __init__(self, path: Path):
        self.tar = _open(path, writing=True)  # noqa: SIM115 - closed in close()
        self.members: dict[str, dict[str, Any]] = {}

    def add(self, source: Path, name: str) -> None:
        with source.open("rb") as fh:
            info = self.tar.gettarinfo(fileobj=fh, arcname=name)
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            reader = _Hashing(fh)
            self.tar.addfile(info, reader)
        self.members[name] = {"sha256": reader.digest.hexdigest(), "bytes": info.size}

    def close(self, manifest: dict[str, Any]) -> dict[str, Any]:
        manifest = {"format": FORMAT, "version": 1, **manifest, "members": self.members}
        data = json.dumps(manifest, indent=1, sort_keys=True).encode()
        info = tarfile.TarInfo(MANIFEST)
        info.size = len(data)
        self.tar.addfile(info, io.BytesIO(data))
        self.tar.close()
        return manifest


def _safe(name: str) -> PurePosixPath:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise BackupUnreadable(_("Berkas cadangan memuat nama yang tidak aman: %(name)s") % {"name": name})
    return path


def read_manifest(path: Path) -> dict[str, Any]:
    try:
        with _open(path, writing=False) as tar:
            member = tar.extractfile(MANIFEST)
            manifest = json.loads(member.read()) if member else {}
    except (tarfile.TarError, KeyError, ValueError, OSError):
        manifest = {}
    if manifest.get("format") != FORMAT:
        raise BackupUnreadable(
            _("%(name)s bukan berkas cadangan Lindung (manifest.json tidak ada atau tidak terbaca).")
            % {"name": path.name}
        )
    return manifest


def extract_verified(path: Path, manifest: dict[str, Any], staging: Path) -> dict[str, Path]:
    """Write every member the manifest lists under ``staging``, refusing one whose sha256 differs or is missing."""
    members, found = manifest["members"], {}
    with _open(path, writing=False) as tar:
        for info in tar:
            if info.name not in members:
                continue
            if not info.isreg():
                raise BackupUnreadable(
                    _("Berkas cadangan rusak: %(member)s bukan berkas.") % {"member": info.name}
                )
            target = staging.joinpath(*_safe(info.name).parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            source = tar.extractfile(info)
            assert source is not None
            digest = hashlib.sha256()
            with target.open("wb") as out:
                while chunk := source.read(CHUNK):
                    digest.update(chunk)
                    out.write(chunk)
            if digest.hexdigest() != members[info.name]["sha256"]:
                raise BackupUnreadable(
                    _("Berkas cadangan rusak: %(member)s tidak cocok dengan sha256 di manifest.")
                    % {"member": info.name}
                )
            found[info.name] = target
    if missing := sorted(set(members) - set(found)):
        raise BackupUnreadable(
            _("Berkas cadangan tidak lengkap: %(member)s tidak ada.") % {"member": missing[0]}
        )
    return found
