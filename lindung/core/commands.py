"""What every CLI command shares: the ``--user`` it runs as, and a writable output file."""

from __future__ import annotations

import os
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError


def user_named(username: str):
    """The account a command acts as; None (Lindung itself) when no name is given. An unknown name stops
    the command before any work, so a typo never runs a job with the system's rights."""
    if not username:
        return None
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise CommandError(f"Pengguna tidak ditemukan: {username}")
    return user


def output_path_check(target: Path, *, option: str, not_done: str) -> None:
    """Refuse an output file in a folder that does not exist, or one that is a folder or read-only, before
    any work: an hour of import or a national report is not lost to a typo in the path. ``not_done`` says
    what did not happen ("impor belum dijalankan")."""
    folder = target.absolute().parent
    if not folder.is_dir():
        raise CommandError(f"Folder untuk {option} tidak ada: {folder}. Buat foldernya dulu; {not_done}.")
    if (
        target.is_dir()
        or not os.access(folder, os.W_OK)
        or (target.exists() and not os.access(target, os.W_OK))
    ):
        raise CommandError(f"{option} tidak dapat ditulis: {target}. Pilih berkas lain; {not_done}.")
