"""The PDF report as a background job: queued on request, progress polled, downloaded, cached for the next."""

from __future__ import annotations

import io
import re

import pytest
from django.test import Client, override_settings
from pypdf import PdfReader

from lindung.accounts.models import Role
from lindung.core.audit import AuditAction
from lindung.core.models import AuditEvent, Job
from lindung.monev.reports.jobs import JOB_KIND
from tests.accounts.builders import make_user

from .builders import BATAGUH, KAPUAS

pytestmark = pytest.mark.django_db
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
ASK = {"wilayah": KAPUAS, "periode": "2026-03"}


def client_for(role=Role.VERIFIKATOR, region=KAPUAS) -> Client:
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(make_user(role, region, username=f"{role}-{region}-{Job.objects.count()}"))
    return client


@override_settings(TASKS=IMMEDIATE)
def test_a_request_queues_a_job_and_the_page_offers_the_download_when_ready(dataset):
    client = client_for()
    response = client.post("/monev/laporan/", ASK)
    job = Job.objects.get(kind=JOB_KIND)
    assert response.status_code == 302 and response["Location"] == f"/monev/laporan/{job.pk}/"
    assert job.status == Job.Status.DONE and job.percent == 100
    page = client.get(response["Location"]).content.decode()
    assert f"/monev/laporan/{job.pk}/unduh.pdf" in page
    pdf = client.get(f"/monev/laporan/{job.pk}/unduh.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    body = b"".join(pdf.streaming_content)
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(body)).pages))
    assert "Monev Kabupaten Kapuas" in text
    assert AuditEvent.objects.filter(action=AuditAction.REPORT_REQUEST).count() == 1
    assert AuditEvent.objects.filter(action=AuditAction.MONEV_REPORT_PDF).count() == 1


def test_while_the_job_runs_the_page_shows_a_progress_bar_polled_by_htmx(dataset):
    client = client_for()
    client.post("/monev/laporan/", ASK)  # the database backend only queues it
    job = Job.objects.get(kind=JOB_KIND)
    assert job.status == Job.Status.QUEUED
    page = client.get(f"/monev/laporan/{job.pk}/").content.decode()
    assert "<progress" in page and f'hx-get="/monev/laporan/{job.pk}/progres/"' in page
    assert "unduh.pdf" not in page
    partial = client.get(f"/monev/laporan/{job.pk}/progres/", HTTP_HX_REQUEST="true")
    assert partial.status_code == 200 and "Menunggu giliran" in partial.content.decode()
    assert client.get(f"/monev/laporan/{job.pk}/unduh.pdf").status_code == 404


@override_settings(TASKS=IMMEDIATE)
def test_the_progress_poll_reloads_the_page_once_the_report_is_made(dataset):
    client = client_for()
    client.post("/monev/laporan/", ASK)
    job = Job.objects.get(kind=JOB_KIND)
    response = client.get(f"/monev/laporan/{job.pk}/progres/", HTTP_HX_REQUEST="true")
    assert response.status_code == 204 and response["HX-Refresh"] == "true"


@override_settings(TASKS=IMMEDIATE)
def test_the_next_request_for_the_same_report_is_served_from_the_cache(dataset):
    first = client_for()
    first.post("/monev/laporan/", ASK)
    second = client_for(Role.ADMIN_PROGRAM)
    response = second.post("/monev/laporan/", ASK)
    assert Job.objects.filter(kind=JOB_KIND).count() == 1
    job = Job.objects.get(kind=JOB_KIND)
    assert response["Location"] == f"/monev/laporan/{job.pk}/"
    assert AuditEvent.objects.filter(action=AuditAction.REPORT_REQUEST).count() == 2


@override_settings(TASKS=IMMEDIATE)
def test_another_language_is_another_report(dataset):
    client = client_for()
    client.post("/monev/laporan/", ASK)
    client.post("/akun/bahasa/", {"language": "en", "next": "/monev/"})
    client.post("/monev/laporan/", ASK)
    assert sorted(Job.objects.filter(kind=JOB_KIND).values_list("params__language", flat=True)) == [
        "en",
        "id",
    ]


@override_settings(TASKS=IMMEDIATE)
def test_a_report_outside_the_region_is_not_there_for_another_office(dataset):
    client_for().post("/monev/laporan/", ASK)
    job = Job.objects.get(kind=JOB_KIND)
    stranger = client_for(Role.PENDAMPING, BATAGUH)
    assert stranger.get(f"/monev/laporan/{job.pk}/").status_code == 404
    assert stranger.get(f"/monev/laporan/{job.pk}/unduh.pdf").status_code == 404


def test_asking_for_a_region_outside_ones_own_is_refused(dataset):
    client = client_for(Role.PENDAMPING, BATAGUH)
    assert client.post("/monev/laporan/", {"wilayah": KAPUAS, "periode": "2026-03"}).status_code == 404
    assert not Job.objects.filter(kind=JOB_KIND).exists()


def test_the_dashboard_asks_for_the_pdf_by_a_form(dataset):
    html = client_for().get("/monev/", ASK).content.decode()
    assert 'action="/monev/laporan/"' in html and 'form="report-pdf"' in html


def test_asking_by_get_is_not_allowed(dataset):
    assert client_for().get("/monev/laporan/").status_code == 405
