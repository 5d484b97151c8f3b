"""May this person be proposed for this programme? Findings from the catalogue (``people.findings``).

Errors (the proposal is refused):
- ``programme_inactive``: the programme is switched off or its last month has passed;
- ``already_in_programme``: the person already has an enrolment in this programme;
- ``outside_coverage``: the domicile village is outside the programme's coverage area;
- ``age_below_min`` / ``age_above_max``: age at the programme's first month outside its limits;
- ``category_not_eligible``: the worker category is not a target of the programme;
- ``category_not_for_source`` / ``protected_not_for_source``: the funding source's policy row
  (``programmes.FundingSourcePolicy``) limits the categories it may pay for, or refuses people already
  protected (DBH sawit: plantation workers not yet in social security, PP 38/2023 and PMK 91/2023). The KPJ
  an earlier Lindung enrolment of the person received is not such a protection; any other KPJ, or a PU
  status, is;
- ``wage_earner_in_bpu``: a wage earner (PU) in a BPU programme;
- ``fixed_income_required``: a PU programme, but no fixed income (siltap) to compute the contribution from;
- ``double_funding``: proposed, verified, submitted or active in another programme for an overlapping month;
- ``village_quota_full``, ``total_quota_full``, ``budget_ceiling_exceeded``.

Warnings (proposed, but the verifier must look): the registry's own warnings stored on the worker
(``people.checks``: birth date or sex differing from the NIK, domicile outside the NIK's regency, ...) and
``already_has_kpj``.

``eligibility_many`` answers for a whole batch with a fixed number of queries; ``enrolment_eligibility`` is
the same code for one person. Quota and budget places go to the batch in order, and only to people with no
other error.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

from django.db.models import F
from django.utils import timezone

from lindung.contributions.calculator import (
    QuoteCache,
    enrolment_groups,
    programme_income,
    programme_person_cost,
)
from lindung.core.money import rupiah
from lindung.core.months import month_label, month_of
from lindung.people.checks import age_findings
from lindung.people.findings import Finding, Severity, finding
from lindung.people.models import Category, WageStatus, Worker
from lindung.programmes.models import FundingSourcePolicy
from lindung.programmes.services import funding_policy
from lindung.regions.codes import within

from .models import Enrolment
from .selectors import programme_quota_usage
from .transitions import FUNDED, OCCUPYING, status_label


def _period(programme) -> str:
    return f"{month_label(programme.start_month)} – {month_label(programme.end_month)}"


def _stored_findings(raw: list) -> list[Finding]:
    out = []
    for item in raw or []:
        try:
            out.append(
                Finding(
                    code=item["code"],
                    severity=Severity(item.get("severity", "warning")),
                    field=item.get("field", ""),
                    message=item.get("message", ""),
                    basis=item.get("basis", ""),
                )
            )
        except (KeyError, TypeError, ValueError):
            continue
    return out


def _basis(programme) -> str:
    return programme.legal_basis or f"ketentuan program {programme.code}"


_WORKER_FIELDS = (
    "id",
    "village_id",
    "birth_date",
    "category",
    "wage_status",
    "fixed_income",
    "kpj",
    "findings",
)


def eligibility_many(
    programme, worker_ids: list[int], *, today: dt.date | None = None, reproposing: bool = False
) -> dict[int, list[Finding]]:
    """Findings for every worker id (the ids must exist).

    ``reproposing`` skips ``already_in_programme`` (the person's own rejected enrolment is being reopened).
    Steps: read the people, their enrolment in this programme and their funding elsewhere (three queries);
    check each person; then hand out places in order to those with no blocking finding.
    """
    today = today or timezone.localdate()
    workers = {w["id"]: w for w in Worker.objects.filter(id__in=worker_ids).values(*_WORKER_FIELDS)}
    missing = [wid for wid in worker_ids if wid not in workers]
    if missing:
        raise LookupError(f"Pekerja tidak ditemukan: #{', #'.join(map(str, missing[:20]))}.")
    existing = dict(
        Enrolment.objects.filter(programme=programme, worker_id__in=worker_ids).values_list(
            "worker_id", "status"
        )
    )
    others = _funded_elsewhere(programme, worker_ids)
    closed = _closed_reason(programme, today)
    policy = funding_policy(programme.funding_source, on=programme.start_month)
    lindung_kpj = _kpj_from_lindung(worker_ids, policy)
    result: dict[int, list[Finding]] = {}
    for wid in worker_ids:
        found = _person_findings(programme, workers[wid], closed=closed)
        source_findings = _source_findings(programme, policy, workers[wid], wid in lindung_kpj)
        found += source_findings
        if wid in existing and not reproposing:
            found.insert(
                1 if closed else 0,
                finding("already_in_programme", programme=programme.code, status=status_label(existing[wid])),
            )
        found += [_double_funding(programme, status, other) for status, other in others.get(wid, [])]
        found += _stored_findings(workers[wid]["findings"])
        if workers[wid]["kpj"] and not any(f.code == "protected_not_for_source" for f in source_findings):
            found.append(finding("already_has_kpj", value=workers[wid]["kpj"]))
        result[wid] = found
    _claim_places(programme, worker_ids, workers, result)
    return result


def _kpj_from_lindung(worker_ids: list[int], policy: FundingSourcePolicy | None) -> set[int]:
    """Workers whose registry KPJ is the one an earlier Lindung enrolment of theirs received (one query)."""
    if policy is None or not policy.refuses_protected_workers:
        return set()
    return set(
        Enrolment.objects.filter(worker_id__in=worker_ids, kpj=F("worker__kpj"))
        .exclude(kpj="")
        .values_list("worker_id", flat=True)
    )


def _source_findings(
    programme, policy: FundingSourcePolicy | None, w: dict, kpj_from_lindung: bool
) -> list[Finding]:
    """What the funding source's policy row says of one person: its categories, and protection elsewhere."""
    if policy is None:
        return []
    found = []
    common = {"source": policy.label, "programme": programme.code, "basis": policy.legal_basis}
    allowed = list(policy.allowed_categories or [])
    if allowed and w["category"] not in allowed:
        labels = dict(Category.choices)
        names = ", ".join(str(labels.get(c, c)) for c in allowed)
        category = labels.get(w["category"], w["category"] or "-")
        found.append(finding("category_not_for_source", category=category, allowed=names, **common))
    if policy.refuses_protected_workers:
        if w["wage_status"] == WageStatus.PU:
            why = "berstatus penerima upah (PU)"
            found.append(finding("protected_not_for_source", field="wage_status", why=why, **common))
        elif w["kpj"] and not kpj_from_lindung:
            why = f"nomor KPJ {w['kpj']} bukan dari kepesertaan Lindung"
            found.append(finding("protected_not_for_source", field="kpj", why=why, **common))
    return found


def _closed_reason(programme, today: dt.date) -> str | None:
    if not programme.is_active:
        return "program tidak aktif"
    if month_of(today) > programme.end_month:
        return f"masa program berakhir {month_label(programme.end_month)}"
    return None


def _funded_elsewhere(programme, worker_ids: list[int]) -> dict[int, list[tuple]]:
    """Double funding: any other programme whose months overlap and in which the person is being funded."""
    others: dict[int, list[tuple]] = defaultdict(list)
    for row in (
        Enrolment.objects.filter(worker_id__in=worker_ids, status__in=FUNDED)
        .exclude(programme=programme)
        .select_related("programme")
        .only("worker_id", "status", "programme")
    ):
        other = row.programme
        if other.start_month <= programme.end_month and programme.start_month <= other.end_month:
            others[row.worker_id].append((row.status, other))
    return others


def _person_findings(programme, w: dict, *, closed: str | None) -> list[Finding]:
    """What the programme's own rules say of one person: period, area, age, category, wage status."""
    code, basis, coverage = programme.code, _basis(programme), programme.coverage_region_id
    found = []
    if closed:
        found.append(finding("programme_inactive", programme=code, why=closed, basis=_period(programme)))
    village = w["village_id"] or ""
    if not within(village, coverage):
        found.append(
            finding("outside_coverage", village=village, programme=code, coverage=coverage, basis=basis)
        )
    found += age_findings(
        w["birth_date"],
        on=programme.start_month,
        age_min=programme.age_min,
        age_max=programme.age_max,
        basis=f"Batas umur program {code}: {programme.age_min}–{programme.age_max} tahun ({basis})",
    )
    allowed = list(programme.eligible_categories or [])
    if allowed and w["category"] not in allowed:
        labels = dict(Category.choices)
        found.append(
            finding(
                "category_not_eligible",
                category=labels.get(w["category"], w["category"]),
                programme=code,
                allowed=", ".join(str(labels.get(c, c)) for c in allowed),
                basis=basis,
            )
        )
    if programme.segment == "BPU" and w["wage_status"] == WageStatus.PU:
        found.append(finding("wage_earner_in_bpu", programme=code))
    if programme.segment == "PU" and not w["fixed_income"]:
        found.append(finding("fixed_income_required", programme=code))
    return found


def _double_funding(programme, status: str, other) -> Finding:
    return finding(
        "double_funding",
        status=status_label(status),
        other=other.name,
        other_code=other.code,
        other_period=_period(other),
        programme=programme.code,
        period=_period(programme),
    )


def _claim_places(programme, worker_ids: list[int], workers: dict, result: dict[int, list[Finding]]) -> None:
    """Places: quota per village, total quota, budget ceiling. Only people with no other error take one."""
    quotes = QuoteCache(programme)
    places = PlaceLedger(programme, villages={w["village_id"] for w in workers.values()}, quotes=quotes)
    for wid in worker_ids:
        found = result[wid]
        if any(f.blocks for f in found):
            continue
        w = workers[wid]
        cost = 0
        if places.committed is not None:
            income = programme_income(programme, fixed_income=w["fixed_income"])
            cost = programme_person_cost(programme, income=income, category=w["category"], quotes=quotes)
        found += places.claim(w["village_id"], cost)


class PlaceLedger:
    """The places a programme has left (village quota, total quota, budget ceiling), handed out one person
    at a time in order, so a batch (a proposal list or an uploaded file) cannot overrun what proposing
    people one by one could not. Shared by ``eligibility_many`` and the import's ``place_findings``."""

    def __init__(self, programme, *, villages, quotes) -> None:
        self.programme = programme
        self.basis = _basis(programme)
        usage = programme_quota_usage(programme, villages=villages)
        self.quota_for = usage.quota_for
        self.used = Counter(usage.used_by_village)
        self.total_used = usage.total_used
        self.committed: int | None = None
        if programme.budget_ceiling is not None:
            occupying = Enrolment.objects.filter(programme=programme, status__in=OCCUPYING)
            self.committed = sum(
                n * programme_person_cost(programme, income=income, category=cat, quotes=quotes)
                for income, cat, n in enrolment_groups(programme, occupying)
            )

    def claim(self, village: str, cost: int) -> list[Finding]:
        """Take a place in ``village`` costing ``cost`` a year; the errors if there is none (nothing taken)."""
        programme, code, basis = self.programme, self.programme.code, self.basis
        errors = []
        quota = self.quota_for(village)
        if quota is not None and self.used[village] >= quota:
            errors.append(
                finding(
                    "village_quota_full",
                    village=village,
                    programme=code,
                    used=self.used[village],
                    quota=quota,
                    basis=basis,
                )
            )
        if programme.total_quota is not None and self.total_used >= programme.total_quota:
            errors.append(
                finding(
                    "total_quota_full",
                    programme=code,
                    used=self.total_used,
                    quota=programme.total_quota,
                    basis=basis,
                )
            )
        if self.committed is not None and self.committed + cost > programme.budget_ceiling:
            errors.append(
                finding(
                    "budget_ceiling_exceeded",
                    programme=code,
                    ceiling=rupiah(programme.budget_ceiling),
                    committed=rupiah(self.committed),
                    cost=rupiah(cost),
                    after=rupiah(self.committed + cost),
                    basis=basis,
                )
            )
        if errors:
            return errors
        self.used[village] += 1
        self.total_used += 1
        if self.committed is not None:
            self.committed += cost
        return []


def enrolment_eligibility(
    worker, programme, *, today: dt.date | None = None, reproposing: bool = False
) -> list[Finding]:
    """Every finding for proposing ``worker`` to ``programme``: errors refuse, warnings go to the verifier."""
    return eligibility_many(programme, [worker.pk], today=today, reproposing=reproposing)[worker.pk]


__all__ = ["PlaceLedger", "eligibility_many", "enrolment_eligibility"]
