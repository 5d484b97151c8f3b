"""A worker's findings on the pages are worded in the reader's language (the verification queue, the worker's
page, the live NIK check), whether the finding was just made or read back from the worker's stored list."""

from __future__ import annotations

from django.template import Context, Template
from django.utils import translation

from lindung.people.findings import finding

PAGE = Template("{% load findings_text %}{% for f in findings %}<li>{{ f|shown }}</li>{% endfor %}")


def test_a_finding_and_a_stored_one_are_shown_in_english_on_an_english_page():
    made = finding("gender_unreadable", value="Q")
    stored = {"code": made.code, "message": made.message}
    with translation.override("en"):
        html = PAGE.render(Context({"findings": [made, stored]}))
    english = 'Gender "Q" is not recognised; enter L (male) or P (female).'
    assert html.count(english.replace('"', "&quot;")) == 2


def test_indonesian_pages_keep_the_indonesian_wording():
    made = finding("gender_unreadable", value="Q")
    html = PAGE.render(Context({"findings": [made]}))
    assert "Q" in html and "recognised" not in html
