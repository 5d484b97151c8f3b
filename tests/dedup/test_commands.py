"""``lindung duplicates``: scan, list, merge and distinct through the same services."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from lindung.accounts.models import Role
from lindung.dedup.models import DuplicatePair, PairStatus
from lindung.people.models import Worker
from tests.accounts.builders import make_user
from tests.dedup.builders import make_pair, twin_workers

pytestmark = pytest.mark.django_db


def test_scan_and_list(seeded, capsys):
    twin_workers()
    make_user(Role.VERIFIKATOR, "62.03", username="ver")
    call_command("duplicates", "scan", "--user", "ver")
    call_command("duplicates", "list", "--user", "ver")
    out = capsys.readouterr().out
    assert "1 kemungkinan data ganda (1 baru)" in out and "Siti Aminnah" in out


def test_merge_and_distinct(seeded, capsys):
    pair = make_pair()
    call_command("duplicates", "merge", "--pair", str(pair.pk), "--keep", str(pair.worker_a_id))
    assert not Worker.objects.filter(pk=pair.worker_b_id).exists()
    other = make_pair(first="Dewi Lestari", second="Dewi Lestarii", serial=50)
    call_command("duplicates", "distinct", "--pair", str(other.pk))
    assert DuplicatePair.objects.get(pk=other.pk).status == PairStatus.DISTINCT


def test_an_operator_is_refused(seeded):
    pair = make_pair()
    make_user(Role.OPERATOR_DESA, "62.03.17.2002", username="op")
    with pytest.raises(CommandError):
        call_command("duplicates", "distinct", "--pair", str(pair.pk), "--user", "op")
