"""`lindung backup` and `lindung restore`: one file holds the database, the data folder's files and a manifest;
a restore into a new database and data folder gives back the same rows and byte-identical downloads."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from lindung.accounts.models import Role
from lindung.core.audit import AuditAction
from lindung.core.models import AuditEvent
from lindung.enrolment.models import Status
from lindung.ops import databases
from lindung.ops.archive import MANIFEST, BackupUnreadable, file_sha256
from lindung.ops.services import backup_restore
from lindung.transfer.insurer import insurer_export_create
from tests.accounts.builders import make_user
from tests.enrolment.builders import make_enrolment
from tests.programmes.builders import make_programme
from tests.transfer.builders import TODAY, person, run, sheet_rows, xlsx_bytes

ROOT = Path(__file__).resolve().parents[2]

# Run inside the restored instance (`lindung shell -c`): its row counts, its last audit action, and the two
# downloads that need generated files (the result workbook and the insurer file), as the same user.
RESTORED_CHECK = """
import json, os
from django.contrib.auth import get_user_model
from django.test import Client
from lindung.core.models import AuditEvent
from lindung.ops.databases import database_counts
counts = database_counts()
last = AuditEvent.objects.order_by("-pk").first()
client = Client(HTTP_HOST="localhost")
client.force_login(get_user_model().objects.get(username=os.environ["CHECK_USER"]))
bodies = {}
for url in os.environ["CHECK_URLS"].split():
    response = client.get(url)
    bodies[url] = [response.status_code, b"".join(response).hex()]
print(json.dumps({"counts": counts, "last_action": last.action, "bodies": bodies}))
"""


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def fresh_instance(tmp_path):
    """Environment of a new Lindung: an empty data folder and, on PostgreSQL, a new empty database."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DATABASE_REPLICA_URL"}}
    env |= {"LINDUNG_DATA_DIR": str(tmp_path / "restored"), "LINDUNG_ALLOWED_HOSTS": "localhost"}
    if connection.vendor != "postgresql":
        yield env
        return
    conf, name = connection.settings_dict, f"lindung_restore_{uuid.uuid4().hex[:8]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE template0')
    env["DATABASE_URL"] = (
        f"postgresql://{conf['USER']}:{conf['PASSWORD']}@{conf['HOST']}:{conf['PORT']}/{name}"
    )
    yield env
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def lindung(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "lindung.cli", *args], env=env, cwd=ROOT, capture_output=True, text=True
    )


def _data_with_generated_files(client, tmp_path):
    """An import with its result workbook and an insurer file, both downloaded through their pages."""
    user = make_user(Role.ADMIN_PROGRAM, "62.03", username="admin-kapuas")
    bad = person(2)
    bad[1] = "62031717088500"
    batch = run(tmp_path, "desa.xlsx", xlsx_bytes(sheet_rows([person(1), bad])), actor=user, today=TODAY)
    programme = make_programme()
    make_enrolment(Status.VERIFIED, programme=programme)
    export = insurer_export_create(actor=user, programme=programme)
    client.force_login(user)
    urls = [f"/unggah/{batch.pk}/hasil.xlsx", f"/unggah/bpjs/{export.pk}/berkas.xlsx"]
    bodies = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        bodies[url] = b"".join(response)
    return user, bodies


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_give_back_the_rows_files_and_downloads(
    seeded, media, client, tmp_path, fresh_instance
):
    user, downloads = _data_with_generated_files(client, tmp_path)
    source_counts = databases.database_counts()
    source_files = {p.relative_to(media).as_posix(): file_sha256(p) for p in media.rglob("*") if p.is_file()}
    assert any(name.endswith("-hasil.xlsx") for name in source_files)

    archive = tmp_path / "cadangan.tar"
    call_command("backup", str(archive))

    with tarfile.open(archive) as tar:
        manifest = json.loads(tar.extractfile(MANIFEST).read())
    assert manifest["tables"] == source_counts
    assert {
        n.removeprefix("media/"): m["sha256"]
        for n, m in manifest["members"].items()
        if n.startswith("media/")
    } == source_files
    event = AuditEvent.objects.get(action=AuditAction.OPS_BACKUP)
    assert event.detail["sha256"] == file_sha256(archive)

    restored = lindung(fresh_instance, "restore", str(archive))
    assert restored.returncode == 0, restored.stderr
    assert "cocok dengan manifest" in restored.stdout

    check_env = fresh_instance | {"CHECK_USER": user.username, "CHECK_URLS": " ".join(downloads)}
    check = lindung(check_env, "shell", "-c", RESTORED_CHECK)
    assert check.returncode == 0, check.stderr
    result = json.loads(check.stdout.strip().splitlines()[-1])
    assert result["last_action"] == AuditAction.OPS_RESTORE
    expected = dict(source_counts, core_auditevent=source_counts["core_auditevent"] + 1)
    assert {t: result["counts"][t] for t in expected} == expected
    media_after = Path(fresh_instance["LINDUNG_DATA_DIR"]) / "media"
    assert {
        p.relative_to(media_after).as_posix(): file_sha256(p) for p in media_after.rglob("*") if p.is_file()
    } == source_files
    for url, body in downloads.items():
        assert result["bodies"][url] == [200, body.hex()], url


def _backup_of_this_database(tmp_path, media) -> Path:
    (media / "transfer").mkdir(parents=True)
    (media / "transfer" / "0000001-hasil.xlsx").write_bytes(b"hasil")
    archive = tmp_path / "cadangan.tar"
    call_command("backup", str(archive))
    return archive


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_database_that_holds_data_and_names_the_table(regions, media, tmp_path):
    archive = _backup_of_this_database(tmp_path, media)
    with pytest.raises(CommandError, match=r"Basis data tujuan tidak kosong: tabel \w+ berisi \d+ baris"):
        call_command("restore", str(archive))
    assert not AuditEvent.objects.filter(action=AuditAction.OPS_RESTORE).exists()


@pytest.mark.django_db(transaction=True)
def test_a_backup_whose_member_was_altered_is_refused_before_anything_is_restored(regions, media, tmp_path):
    archive = _backup_of_this_database(tmp_path, media)
    altered = tmp_path / "diubah.tar"
    with tarfile.open(archive) as source, tarfile.open(altered, "w") as target:
        for info in source:
            data = source.extractfile(info).read()
            if info.name == "media/transfer/0000001-hasil.xlsx":
                data = b"palsu"
            info.size = len(data)
            target.addfile(info, io.BytesIO(data))
    with pytest.raises(BackupUnreadable, match="tidak cocok dengan sha256"):
        backup_restore(actor=None, path=altered)
    assert not AuditEvent.objects.filter(action=AuditAction.OPS_RESTORE).exists()
