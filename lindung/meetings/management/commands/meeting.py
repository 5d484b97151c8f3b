"""``lindung meeting``: record monev meetings, adopt and follow up recommendations, write the minutes, through
the same services and selectors as the pages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.http import Http404

from lindung.accounts.access import AccessRefused
from lindung.core.commands import output_path_check, user_named
from lindung.core.formats import percent_text
from lindung.core.months import month_parse
from lindung.meetings import minutes
from lindung.meetings.models import Institution, Status, TargetKind
from lindung.meetings.selectors import (
    Followed,
    meeting_recommendations,
    meeting_visible,
    meetings_visible_to,
    previous_outcomes,
    recommendation_visible,
    recommendations_visible_to,
    with_progress,
)
from lindung.meetings.services import (
    Attendee,
    MeetingRefused,
    RecommendationInput,
    meeting_record,
    recommendation_adopt,
    recommendation_update,
)

EXAMPLE = (
    'Contoh: lindung meeting record --region 62.03 --date 2026-03-25 --place "Aula DPMD" --period 2026-03 '
    '--attend dpmd --attend "camat:62.03.17" --attend "kepala_desa:62.03.17.2002:Yohanes" --user admin; '
    "lindung meeting adopt 3 --proposal p1 --due 2026-04-30 --user admin; "
    "lindung meeting status 7 --to done --user admin; lindung meeting minutes 3 --output notulen.pdf --user admin"
)


def _date(text: str, flag: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f'{flag}: "{text}" bukan tanggal TTTT-BB-HH.') from None


def _attendee(text: str) -> Attendee:
    """``institution[:region[:name]]``."""
    institution, _sep, rest = text.partition(":")
    region, _sep, name = rest.partition(":")
    return Attendee(institution.strip(), region.strip(), name.strip())


def _line(f: Followed) -> str:
    r, p = f.recommendation, f.progress
    late = " LEWAT TENGGAT" if f.overdue else ""
    text = f"#{r.pk} [{r.get_status_display()}{late}] {r.title} · tenggat {r.due_on:%d-%m-%Y}"
    if p.measurable:
        text += (
            f" · target {percent_text(p.target)}, saat rapat {percent_text(p.then)}, "
            f"kini ({p.period:%Y-%m}) {percent_text(p.now)}"
        )
    return text


class Command(BaseCommand):
    help = "Rapat monev: catat rapat, tetapkan dan tindak lanjuti rekomendasi, unduh notulen. " + EXAMPLE

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("list", help="Rapat di wilayah pengguna.").add_argument("--user", required=True)
        show = sub.add_parser("show", help="Laporan rapat: tindak lanjut, angka, rekomendasi, usulan.")
        show.add_argument("id", type=int, help="Nomor rapat.")
        show.add_argument("--user", required=True, help="Tampilkan sebagaimana dilihat pengguna ini.")
        record = sub.add_parser("record", help="Catat rapat; angka periodenya dibekukan.")
        record.add_argument("--region", required=True, help="Kode provinsi atau kabupaten/kota.")
        record.add_argument("--date", required=True, help="Tanggal rapat, TTTT-BB-HH.")
        record.add_argument("--place", required=True, help="Tempat rapat.")
        record.add_argument("--period", required=True, help="Bulan angka yang dibahas, TTTT-BB.")
        record.add_argument(
            "--attend",
            action="append",
            default=[],
            help=f"Yang hadir: instansi[:kode wilayah[:nama]], boleh berulang. Instansi: {', '.join(Institution.values)}.",
        )
        record.add_argument("--chair", default="", help="Nama pimpinan rapat.")
        record.add_argument("--chair-title", default="", help="Jabatan pimpinan rapat.")
        record.add_argument("--notes", default="", help="Catatan rapat.")
        record.add_argument("--user", required=True, help="Nama pengguna pencatat (admin wilayah).")
        adopt = sub.add_parser(
            "adopt", help="Tetapkan rekomendasi: usulan laporan (--proposal) atau tulisan sendiri."
        )
        adopt.add_argument("id", type=int, help="Nomor rapat.")
        adopt.add_argument("--proposal", default="", help="Kunci usulan (lihat `meeting show`).")
        adopt.add_argument("--title", default="", help="Judul rekomendasi (wajib tanpa --proposal).")
        adopt.add_argument("--text", default="", help="Uraian.")
        adopt.add_argument("--due", required=True, help="Tenggat, TTTT-BB-HH.")
        adopt.add_argument(
            "--agency", default="", choices=["", *Institution.values], help="Instansi penanggung jawab."
        )
        adopt.add_argument("--kecamatan", default="", help="Kode kecamatan penanggung jawab.")
        adopt.add_argument(
            "--village", action="append", default=[], help="Kode desa penanggung jawab, boleh berulang."
        )
        adopt.add_argument(
            "--target", default="", choices=["", *TargetKind.values], help="Jenis target terukur."
        )
        adopt.add_argument("--target-percent", default="", help="Target dalam persen, mis. 100.")
        adopt.add_argument("--target-region", default="", help="Kode wilayah target.")
        adopt.add_argument("--user", required=True, help="Nama pengguna (admin wilayah).")
        recs = sub.add_parser("recommendations", help="Rekomendasi untuk wilayah pengguna.")
        recs.add_argument("--show", default="open", choices=["open", "overdue", "all"])
        recs.add_argument("--user", required=True)
        status = sub.add_parser("status", help="Ubah status rekomendasi.")
        status.add_argument("id", type=int, help="Nomor rekomendasi.")
        status.add_argument("--to", required=True, choices=Status.values)
        status.add_argument("--reason", default="", help="Alasan (wajib bila dibatalkan).")
        status.add_argument("--user", required=True)
        pdf = sub.add_parser("minutes", help="Tulis notulen dan berita acara rapat sebagai PDF.")
        pdf.add_argument("id", type=int, help="Nomor rapat.")
        pdf.add_argument("--output", required=True, help="Berkas PDF tujuan.")
        pdf.add_argument("--user", required=True)

    def handle(self, *args, action: str, **o):
        user = user_named(o["user"])
        try:
            getattr(self, f"_{action}")(user, o)
        except (MeetingRefused, AccessRefused, ValueError) as exc:
            raise CommandError(str(exc)) from None
        except Http404:
            raise CommandError("Tidak ditemukan di wilayah Anda.") from None

    def _list(self, user, o) -> None:
        for m in meetings_visible_to(user)[:200]:
            self.stdout.write(
                f"#{m.pk} {m.held_on:%d-%m-%Y} {m.get_level_display()} {m.region.name} · angka {m.period:%Y-%m} · {m.place}"
            )

    def _show(self, user, o) -> None:
        m = meeting_visible(user, o["id"])
        self.stdout.write(
            f"Rapat #{m.pk}: {m.region.name}, {m.held_on:%d-%m-%Y}, {m.place} (angka {m.period:%Y-%m})"
        )
        outcomes = previous_outcomes(m)
        if outcomes:
            self.stdout.write("Tindak lanjut rapat sebelumnya:")
        for out in outcomes:
            r = out.recommendation
            self.stdout.write(
                f"  #{r.pk} {r.title}: saat rapat ini {out.status_then_label}, angka {percent_text(out.value_then)} → "
                f"{percent_text(out.value_at_meeting)}; kini {r.get_status_display()}, {percent_text(out.progress.now)}"
            )
        self.stdout.write("Hadir: " + "; ".join(str(a) for a in m.attendance.all()))
        for f in meeting_recommendations(m):
            self.stdout.write("  " + _line(f))
        for p in m.figures.get("proposals", []):
            self.stdout.write(f"Usulan {p['key']}: {p['title']}")

    def _record(self, user, o) -> None:
        m = meeting_record(
            actor=user,
            region_code=o["region"],
            held_on=_date(o["date"], "--date"),
            place=o["place"],
            period=month_parse(o["period"]),
            attendance=[_attendee(a) for a in o["attend"]],
            chair_name=o["chair"],
            chair_title=o["chair_title"],
            notes=o["notes"],
        )
        self.stdout.write(
            f"Rapat #{m.pk} dicatat; {len(m.figures.get('proposals', []))} usulan dari laporan monev."
        )

    def _adopt(self, user, o) -> None:
        m = meeting_visible(user, o["id"])
        proposal: dict = {}
        if o["proposal"]:
            proposal = (
                next((p for p in m.figures.get("proposals", []) if p["key"] == o["proposal"]), None) or {}
            )
            if not proposal:
                raise CommandError(f"Usulan {o['proposal']} tidak ada pada rapat #{m.pk}.")
        moved = bool(o["agency"] or o["kecamatan"] or o["village"])
        data = RecommendationInput(
            title=o["title"] or proposal.get("title", ""),
            text=o["text"] or proposal.get("text", ""),
            rule=proposal.get("rule", ""),
            due_on=_date(o["due"], "--due"),
            agency=o["agency"] if moved else proposal.get("agency", ""),
            kecamatan=o["kecamatan"],
            villages=o["village"] if moved else proposal.get("villages", []),
            target_kind=o["target"] or proposal.get("target_kind", ""),
            target_percent=o["target_percent"] or proposal.get("target_percent"),
            target_region=o["target_region"] or ("" if moved else proposal.get("target_region", "")),
        )
        rec = recommendation_adopt(actor=user, meeting=m, data=data)
        self.stdout.write(f"Rekomendasi #{rec.pk} ditetapkan: {rec.title}")

    def _recommendations(self, user, o) -> None:
        followed = with_progress(recommendations_visible_to(user, open_only=o["show"] != "all")[:200])
        for f in followed:
            if o["show"] != "overdue" or f.overdue:
                self.stdout.write(_line(f))

    def _status(self, user, o) -> None:
        rec = recommendation_visible(user, o["id"])
        recommendation_update(actor=user, recommendation=rec, status=o["to"], reason=o["reason"])
        self.stdout.write(f"Rekomendasi #{rec.pk}: {rec.get_status_display()}")

    def _minutes(self, user, o) -> None:
        target = Path(o["output"])
        output_path_check(target, option="--output", not_done="notulen belum ditulis")
        m = meeting_visible(user, o["id"])
        target.write_bytes(minutes.minutes_pdf(m, actor=user))
        self.stdout.write(f"Notulen rapat #{m.pk} ditulis ke {target}")
