"""Demo programmes, workers, enrolments and payments, modelled on real schemes. Synthetic people only.

- Kabupaten Bengkayang (61.07): "1 Desa 100 Pekerja Rentan", APBD kabupaten, 12 months, Perbup 23/2024.
- Kabupaten Kapuas (62.03): the regency's APBD programme, and beside it Desa Pulau Mambulau's own
  "1 desa 100" paid from ADD (APBDes, never Dana Desa) and its village officials as PU, also from ADD.
- Kalimantan Barat (61): provincial bantuan iuran for religious social workers, 6 months, Pergub Kalbar 4/2023.
- A CSR-sponsored group of oil-palm smallholders in Mantangai (Kapuas).

Programmes run on a rolling calendar (the 12-month ones started ten months before today) so that the demo
always shows live work: proposals waiting in Pulau Mambulau, active members paying, some non-active after
more unpaid months than the payment rule in force tolerates. Everything goes through the real services:
bulk proposals with eligibility, set-based transitions, payments, and ``enrolments_lapse`` deciding who is
non-active. A second run changes nothing.

Modules: ``names`` (what people are called and do), ``plans`` (the programmes), ``people`` (synthetic
workers), ``run`` (their enrolments and payments), ``load`` (``demo_load``).
"""

from .load import demo_load

__all__ = ["demo_load"]
