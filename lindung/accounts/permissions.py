"""What each role may do. One table, read by views, the API and templates alike."""

from __future__ import annotations

from .models import Role

R = Role
ALL_ROLES = frozenset(Role)

# capability -> roles. Reading is separate from writing so auditors can see everything in their region
# and change nothing.
CAPABILITIES: dict[str, frozenset[str]] = {
    "worker.view": ALL_ROLES,
    "worker.edit": frozenset({R.OPERATOR_DESA, R.SUPERADMIN}),
    "import.upload": frozenset({R.OPERATOR_DESA, R.ADMIN_PROGRAM, R.SUPERADMIN}),
    "enrolment.propose": frozenset({R.OPERATOR_DESA, R.ADMIN_PROGRAM, R.SUPERADMIN}),
    "enrolment.review": frozenset({R.PENDAMPING, R.VERIFIKATOR, R.ADMIN_PROGRAM, R.AUDITOR, R.SUPERADMIN}),
    "enrolment.verify": frozenset({R.VERIFIKATOR, R.SUPERADMIN}),
    "enrolment.end": frozenset({R.ADMIN_PROGRAM, R.PETUGAS_BPJS, R.SUPERADMIN}),
    "programme.view": ALL_ROLES,
    "programme.manage": frozenset({R.ADMIN_PROGRAM, R.SUPERADMIN}),
    "insurer.export": frozenset({R.ADMIN_PROGRAM, R.PETUGAS_BPJS, R.SUPERADMIN}),
    # The insurer's answer (KPJ numbers, activations) is recorded by its own officer only: whoever exports to the
    # insurer must not also type the answer that activates people (separation of duties). Not a superadmin
    # either: one who must record it signs in as a petugas_bpjs account, whose creation is itself audited.
    "insurer.reply": frozenset({R.PETUGAS_BPJS}),
    # Money (docs/billing.md). Bills: issued by the programme's admin, read by every role that works with the
    # people on them (a village sees its own lines). Payments, statements and their reconciliation: the
    # treasurer's, so that issuing a bill and marking it paid are two people's acts (separation of duties).
    "bill.view": ALL_ROLES - {R.SPONSOR},
    "bill.issue": frozenset({R.ADMIN_PROGRAM, R.SUPERADMIN}),
    "payment.record": frozenset({R.BENDAHARA, R.SUPERADMIN}),
    # Claims (accidents, deaths, the heirs' case file) are sensitive personal data: only these roles see them
    # in their region, and every read is audited. Reporting an event is open to whoever works with people in
    # the region; the case file (heirs, documents, status) is the programme office's; the insurer's decision
    # is recorded by the insurer's officer (docs/claims.md).
    "claim.view": frozenset(
        {
            R.OPERATOR_DESA,
            R.PENDAMPING,
            R.VERIFIKATOR,
            R.ADMIN_PROGRAM,
            R.PETUGAS_BPJS,
            R.AUDITOR,
            R.SUPERADMIN,
        }
    ),
    "claim.report": frozenset(
        {R.OPERATOR_DESA, R.PENDAMPING, R.VERIFIKATOR, R.ADMIN_PROGRAM, R.PETUGAS_BPJS, R.SUPERADMIN}
    ),
    "claim.manage": frozenset({R.ADMIN_PROGRAM, R.SUPERADMIN}),
    "claim.decide": frozenset({R.PETUGAS_BPJS, R.SUPERADMIN}),
    # Carrying a programme's members into next year's programme, and handing them over when it ends.
    "programme.renew": frozenset({R.ADMIN_PROGRAM, R.SUPERADMIN}),
    # Sponsors and their people (docs/sponsorship.md): managed by the programme admin; a sponsor account reads
    # only its own sponsorships (its scope), everyone else in the region reads them.
    "sponsorship.view": ALL_ROLES,
    "sponsorship.manage": frozenset({R.ADMIN_PROGRAM, R.SUPERADMIN}),
    # The social registry (DTSEN, DTKS, P3KE extracts) as an agency receives it: personal data, read by those
    # who verify people and import the extracts, not by a sponsor.
    "registry.view": frozenset(
        {R.PENDAMPING, R.VERIFIKATOR, R.ADMIN_PROGRAM, R.PETUGAS_BPJS, R.AUDITOR, R.SUPERADMIN}
    ),
    "registry.import": frozenset({R.VERIFIKATOR, R.ADMIN_PROGRAM, R.SUPERADMIN}),
    # Probable duplicates: seen by whoever verifies or manages people; merged or marked distinct by the verifier.
    "duplicate.view": frozenset({R.VERIFIKATOR, R.ADMIN_PROGRAM, R.AUDITOR, R.SUPERADMIN}),
    "duplicate.resolve": frozenset({R.VERIFIKATOR, R.SUPERADMIN}),
    # The insurer's own participant counts per region and month (UCJ's numerator): its officer or the admin.
    "insurer_figures.import": frozenset({R.PETUGAS_BPJS, R.ADMIN_PROGRAM, R.SUPERADMIN}),
    # Monev meetings: recorded by the region's admin; everyone in scope reads (monev.view).
    "meeting.record": frozenset({R.ADMIN_PROGRAM, R.SUPERADMIN}),
    "audit.view": frozenset({R.AUDITOR, R.SUPERADMIN}),
    "monev.view": ALL_ROLES,
    "monev.manage": frozenset({R.ADMIN_PROGRAM, R.SUPERADMIN}),
    # Contact details and the full birth date (address, phone, email, KK): everyone who works with the
    # person's file, but not a sponsor, which only needs to know whom it funds (UU PDP data minimisation).
    "worker.personal": ALL_ROLES - {R.SPONSOR},
    # Creating accounts and setting a new password for someone who forgot theirs (there is no email reset).
    "account.manage": frozenset({R.SUPERADMIN}),
    # Adding a rule row (rates, discounts, limits, funding-source policy): national, so a national superadmin.
    "rule.add": frozenset({R.SUPERADMIN}),
}


def role_can(role: str | None, capability: str) -> bool:
    if capability not in CAPABILITIES:
        raise KeyError(f"unknown capability {capability!r}")
    return role in CAPABILITIES[capability]
