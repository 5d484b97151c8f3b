"""Every page of every role on a 360 × 740 phone: no sideways scroll, no tap target under 24 × 24 CSS px,
no serious or critical axe-core finding.

The pages are the permission matrix's own (tests/test_permission_matrix.py): each GET row that answers 200
for a role is one of that role's pages, in the matrix's world (own region Kapuas, foreign Bengkayang).
One browser context per role visits its pages in sequence. Downloads and API answers are skipped, and so
are HTML fragments that htmx swaps into a page (they have no <main>): the page around them is scanned.

Tap targets follow WCAG 2.2 SC 2.5.8 (Target Size, Minimum): a link inside a sentence (in a <p>) is exempt.
axe-core is vendored in lindung/static/vendor/axe.min.js and injected by the test, never linked by a page.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from lindung.accounts.models import Role
from tests.accounts.builders import PASSWORD, make_user
from tests.test_permission_matrix import ROLES, _rows, world  # noqa: F401  (world is a fixture)

from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH, HEIGHT = 360, 740
AXE = (Path(settings.BASE_DIR) / "static" / "vendor" / "axe.min.js").read_text()
NOT_PAGES = (".xlsx", ".pdf", ".csv", ".zip", ".json", ".geojson", ".svg", ".webmanifest", ".js", ".png")

# Runs in the page: the three checks, returned as a list of human-readable problems.
SCAN = """
async ([width]) => {
  const problems = [];
  const scroll = document.documentElement.scrollWidth;
  if (scroll > width) {
    const clipped = (el) => {
      for (let up = el.parentElement; up; up = up.parentElement) {
        if (["auto", "scroll", "hidden", "clip"].includes(getComputedStyle(up).overflowX)) return true;
      }
      return false;
    };
    const wide = [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > width + 1 && !clipped(el))
      .filter((el) => !el.parentElement || el.parentElement.getBoundingClientRect().right <= width + 1)
      .slice(0, 3)
      .map((el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
        (el.className ? "." + String(el.className).split(" ")[0] : ""));
    problems.push(`page is ${scroll}px wide (${wide.join(", ")})`);
  }
  const targets = "a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button]";
  for (const el of document.querySelectorAll(targets)) {
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (box.width <= 1 || box.height <= 1 || style.visibility === "hidden") continue;  // not shown
    if (el.closest("p") && el.tagName === "A") continue;  // inline in a sentence: WCAG 2.5.8 exception
    if (el.classList.contains("skip")) continue;  // off-screen until focused, then large
    if (box.width < 24 || box.height < 24) {
      const name = (el.innerText || el.value || el.name || el.getAttribute("aria-label") || "").trim();
      problems.push(
        `tap target ${Math.round(box.width)}x${Math.round(box.height)}: ` +
        `<${el.tagName.toLowerCase()}${el.type ? " type=" + el.type : ""}> "${name.slice(0, 40)}"`
      );
    }
  }
  const axeResult = await axe.run(document, {
    runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    resultTypes: ["violations"],
  });
  for (const v of axeResult.violations) {
    if (v.impact !== "serious" && v.impact !== "critical") continue;
    const where = v.nodes.slice(0, 2).map((n) => n.target.join(" ")).join("; ");
    problems.push(`axe ${v.impact} ${v.id}: ${v.help} (${v.nodes.length}x: ${where})`);
  }
  return problems;
}
"""


def _pages_of(role_index: int, w: dict) -> list[str]:
    """The GET rows that answer 200 for the role, as paths, without downloads and API calls."""
    paths = []
    for label, expected in _rows():
        method, rest = label.split(" ", 1)
        if method != "GET" or expected[role_index] != "200":
            continue
        path = rest.split(" (")[0].format(**w)
        if path.startswith("/api/") or path.split("?")[0].endswith(NOT_PAGES) or "/unduh" in path:
            continue
        if path not in paths:
            paths.append(path)
    return paths


def _context(browser, base_url: str, user):
    context = browser.new_context(
        base_url=base_url,
        viewport={"width": WIDTH, "height": HEIGHT},
        locale="id-ID",
        timezone_id="Asia/Jakarta",
        service_workers="block",
    )
    context.set_default_timeout(20_000)
    context.add_init_script(AXE)
    if user is not None:
        client = Client()
        client.force_login(user)
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": base_url}])
    return context


def _scan(page, path: str) -> list[str] | None:
    """The problems on one page, or None when the answer is not a whole HTML page."""
    response = page.goto(path, wait_until="load")
    if response is None or "text/html" not in (response.headers.get("content-type") or ""):
        return None
    if response.status != 200 or page.locator("main").count() == 0:
        return None
    return page.evaluate(SCAN, [WIDTH])


def test_every_page_of_every_role_fits_a_phone(seeded, world, browser, live_server):  # noqa: F811
    failures = []
    visited = 0
    only = os.environ.get("PHONE_SCAN_ROLES", "").split(",")  # while fixing a page: the roles to try
    for index, role in enumerate(ROLES):
        if only != [""] and role not in only:
            continue
        user = None if role == "anonim" else world["users"][role]
        context = _context(browser, live_server.url, user)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc, errors=errors: errors.append(str(exc)))
        for path in _pages_of(index, world):
            problems = _scan(page, path)
            if problems is None:
                continue
            visited += 1
            failures += [f"{role} {path}: {problem}" for problem in problems]
        failures += [f"{role}: script error {error}" for error in errors]
        context.close()
    assert visited > (100 if only == [""] else 0), visited
    assert failures == [], f"{len(failures)} problems:\n" + "\n".join(failures)


def test_the_region_filter_is_a_type_ahead_over_the_users_own_scope(seeded, new_page):
    """The verifier's region filter (about 230 kecamatan and desa of Kapuas) becomes a search box; a pick
    sets the plain <select> that the form submits, and nothing outside Kapuas is offered."""
    make_user(Role.VERIFIKATOR, "62.03", username="hp.verifikator")
    page = new_page(WIDTH, HEIGHT)
    sign_in(page, "hp.verifikator", PASSWORD)
    page.goto("/kepesertaan/verifikasi/")
    search = page.get_by_role("combobox", name="Wilayah")
    search.fill("mambulau")
    options = page.locator(".region-picker [role=option]")
    options.first.wait_for()
    texts = options.all_inner_texts()
    assert texts and all("mambulau" in t.lower() and "(62.03." in t for t in texts), texts
    search.fill("bengkayang")
    page.get_by_text("Tidak ada wilayah yang cocok").wait_for()
    search.fill("62.03.17.2002")
    search.press("ArrowDown")
    search.press("Enter")
    assert page.locator("select#id_region").input_value() == "62.03.17.2002"
    assert "Pulau Mambulau" in search.input_value()
    page.get_by_role("button", name="Saring").click()
    page.wait_for_url("**region=62.03.17.2002**")
    assert page.get_by_role("combobox", name="Wilayah").input_value().startswith("Pulau Mambulau")
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH
    assert page.errors == []
