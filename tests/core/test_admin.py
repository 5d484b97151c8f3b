"""The Django admin shows every table and writes only through the services (STYLE.md): read-only for domain
data, add-only for rule rows (ADR 0002), service-backed for the UCJ statistics."""

from __future__ import annotations

import datetime as dt

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.test import RequestFactory

from lindung.accounts.models import Account, Role
from lindung.billing.models import Payment
from lindung.contributions.models import PaymentRule
from lindung.core.admin_mixins import AddOnlyRuleAdmin, ReadOnlyAdmin, ThroughServiceAdmin
from lindung.core.audit import AuditAction
from lindung.core.models import AuditEvent, RuleRow
from lindung.enrolment.models import Enrolment
from lindung.programmes.models import VillageQuota
from lindung.regions import services as region_services
from lindung.regions.models import CoverageTarget, VulnerableWorkerCount, WorkingPopulation
from tests.accounts.builders import make_user
from tests.people.builders import PULAU_MAMBULAU, make_worker
from tests.programmes.builders import make_programme

pytestmark = pytest.mark.django_db

LINDUNG_MODELS = [m for m in apps.get_models() if m.__module__.startswith("lindung.")]
RULE_MODELS = [m for m in LINDUNG_MODELS if issubclass(m, RuleRow)]
# Saved through regions.services, which validates and audits (docs/monev.md sends users to these pages).
SAVED_THROUGH_A_SERVICE = {WorkingPopulation, CoverageTarget, VulnerableWorkerCount}


@pytest.fixture
def root(client):
    user = get_user_model().objects.create_superuser("root", password="x" * 12)
    client.force_login(user)
    return user


def admin_url(model, *parts) -> str:
    return "/".join(["", "admin", model._meta.app_label, model._meta.model_name, *map(str, parts), ""])


def row(obj) -> dict:
    return type(obj).objects.filter(pk=obj.pk).values().get()


def a_worker():
    return make_worker()


def a_payment():
    worker = make_worker()
    programme = make_programme()
    enrolment = Enrolment.objects.create(
        worker=worker, programme=programme, village_id=worker.village_id, status="active"
    )
    return Payment.objects.create(
        enrolment=enrolment, month=dt.date(2026, 1, 1), amount=16_800, paid_on=dt.date(2026, 1, 10)
    )


def an_account():
    return make_user(Role.OPERATOR_DESA, PULAU_MAMBULAU).account


def a_village_quota():
    return VillageQuota.objects.create(programme=make_programme(), village_id=PULAU_MAMBULAU, quota=10)


# What a form on the change page would post: each a change the services would refuse or audit.
CHANGES = {
    "worker": (a_worker, {"full_name": "Diubah Lewat Admin", "nik": "6203170000000001", "_save": "Simpan"}),
    "payment": (a_payment, {"amount": "1", "paid_on": "2026-01-01", "_save": "Simpan"}),
    "account": (an_account, {"role": Role.SUPERADMIN, "region": "", "_save": "Simpan"}),
    "village_quota": (a_village_quota, {"quota": "9999", "_save": "Simpan"}),
}


@pytest.mark.parametrize("model", LINDUNG_MODELS, ids=lambda m: m._meta.label)
def test_every_model_has_an_admin_page(model, client, root):
    assert admin.site.is_registered(model), f"{model._meta.label} has no admin"
    assert client.get(admin_url(model)).status_code == 200


def test_admin_speaks_indonesian(client, root):
    page = client.get("/admin/").content.decode()
    assert "Lindung: administrasi" in page
    assert "Selamat datang" in page and "Keluar" in page


@pytest.mark.parametrize("model", LINDUNG_MODELS, ids=lambda m: m._meta.label)
def test_the_admin_writes_domain_data_only_through_a_service(model, root):
    model_admin = admin.site._registry[model]
    request = RequestFactory().get("/admin/")
    request.user = root
    if model in RULE_MODELS:
        assert isinstance(model_admin, AddOnlyRuleAdmin)
    elif model in SAVED_THROUGH_A_SERVICE:
        assert isinstance(model_admin, ThroughServiceAdmin)
    else:
        assert isinstance(model_admin, ReadOnlyAdmin)
        assert not model_admin.has_add_permission(request)
        assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)


@pytest.mark.parametrize("make, data", CHANGES.values(), ids=CHANGES.keys())
def test_a_change_posted_to_the_admin_is_refused_and_changes_nothing(make, data, client, root):
    obj = make()
    before = row(obj)
    page = client.get(admin_url(type(obj), obj.pk, "change")).content.decode()
    assert 'name="_save"' not in page
    assert client.post(admin_url(type(obj), obj.pk, "change"), data).status_code == 403
    assert client.post(admin_url(type(obj), obj.pk, "delete"), {"post": "yes"}).status_code == 403
    assert row(obj) == before


@pytest.mark.parametrize("make, data", CHANGES.values(), ids=CHANGES.keys())
def test_an_add_posted_to_the_admin_is_refused_and_adds_nothing(make, data, client, root):
    model = type(make())
    count = model.objects.count()
    assert client.post(admin_url(model, "add"), data).status_code == 403
    assert model.objects.count() == count


def test_an_account_changes_on_the_account_pages_not_in_the_admin(client, root):
    account = an_account()
    page = client.get(admin_url(Account, account.pk, "change")).content.decode()
    assert 'name="role"' not in page and "Operator desa" in page


@pytest.mark.parametrize("model", RULE_MODELS, ids=lambda m: m._meta.label)
def test_rule_tables_offer_an_add_form(model, client, root):
    page = client.get(admin_url(model, "add")).content.decode()
    assert 'name="legal_basis"' in page and 'name="valid_from"' in page


def test_a_rule_row_cannot_be_changed_or_deleted_through_the_admin(client, root):
    rule = PaymentRule.objects.filter(segment="BPU").first()
    assert rule is not None, "the seeded payment rules are missing"
    before = row(rule)
    url = admin_url(PaymentRule, rule.pk, "change")
    assert 'name="_save"' not in client.get(url).content.decode()
    assert client.post(url, {"due_day": "28", "legal_basis": "diubah", "_save": "Simpan"}).status_code == 403
    assert client.post(admin_url(PaymentRule, rule.pk, "delete"), {"post": "yes"}).status_code == 403
    bulk_delete = {"action": "delete_selected", "_selected_action": [rule.pk], "post": "yes"}
    client.post(admin_url(PaymentRule), bulk_delete)
    assert row(rule) == before


def test_adding_a_rule_row_through_the_admin_writes_an_audit_event(client, root):
    data = {
        "segment": "BPU",
        "due_day": "20",
        "due_month_offset": "0",
        "next_working_day": "on",
        "lapse_after_unpaid_months": "3",
        "reactivate_when_unpaid_at_most": "0",
        "valid_from": "2099-01-01",
        "valid_to": "",
        "legal_basis": "PP uji 1/2099 Pasal 1",
        "note": "",
        "_save": "Simpan",
    }
    response = client.post(admin_url(PaymentRule, "add"), data)
    assert response.status_code == 302
    rule = PaymentRule.objects.get(valid_from=dt.date(2099, 1, 1))
    event = AuditEvent.objects.get(action=AuditAction.RULE_ADD, object_id=str(rule.pk))
    assert event.actor == root and event.object_type == "contributions.paymentrule"
    assert event.detail["legal_basis"] == "PP uji 1/2099 Pasal 1"


def test_a_rule_row_refused_by_the_rules_service_shows_why_and_adds_nothing(client, root):
    latest = PaymentRule.objects.filter(segment="BPU").order_by("-valid_from").first()
    data = {
        "segment": "BPU",
        "due_day": "20",
        "due_month_offset": "0",
        "lapse_after_unpaid_months": "3",
        "reactivate_when_unpaid_at_most": "0",
        "valid_from": latest.valid_from.isoformat(),
        "legal_basis": "PP uji 2/2099",
        "_save": "Simpan",
    }
    rules = PaymentRule.objects.count()
    response = client.post(admin_url(PaymentRule, "add"), data)
    assert response.status_code == 200
    assert "Baris baru harus berlaku setelah baris terakhir aturan ini" in response.content.decode()
    assert PaymentRule.objects.count() == rules
    assert not AuditEvent.objects.filter(action=AuditAction.RULE_ADD).exists()


def test_working_population_is_saved_through_its_service(client, root):
    data = {"region": "62.03", "year": "2024", "count": "300", "source": "BPS, Sakernas Agustus 2024"}
    assert client.post(admin_url(WorkingPopulation, "add"), data | {"_save": "Simpan"}).status_code == 302
    figure = WorkingPopulation.objects.get(region_id="62.03", year=2024)
    assert AuditEvent.objects.filter(
        action=AuditAction.WORKING_POPULATION_SET, object_id=str(figure.pk), actor=root
    ).exists()


def test_a_statistic_keeps_its_region_and_year_when_changed_in_the_admin(client, root):
    figure = region_services.working_population_set(
        actor=root, region_code="62.03", year=2024, count=300, source="BPS"
    )
    data = {"region": "62.04", "year": "2025", "count": "400", "source": "BPS, Sakernas Agustus 2025"}
    assert client.post(admin_url(WorkingPopulation, figure.pk, "change"), data).status_code == 302
    assert WorkingPopulation.objects.filter(year=2024).values_list("region_id", "count").get() == (
        "62.03",
        400,
    )
    assert not WorkingPopulation.objects.filter(year=2025).exists()


def test_a_service_refusal_shows_on_the_admin_form_and_saves_nothing(client, root, monkeypatch):
    def refuse(**kwargs):
        CoverageTarget.objects.create(year=kwargs["year"], percent=1, source="setengah jalan")
        raise region_services.RegionStatisticRefused("Target UCJ ditolak oleh layanan.")

    monkeypatch.setattr(region_services, "coverage_target_set", refuse)
    data = {"year": "2031", "percent": "50", "source": "RKP 2031", "_save": "Simpan"}
    response = client.post(admin_url(CoverageTarget, "add"), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Target UCJ ditolak oleh layanan." in page and 'value="RKP 2031"' in page
    assert not CoverageTarget.objects.filter(year=2031).exists()
