"""What in a page rendered in Vietnamese is not Vietnamese: raw state codes, English
texts the catalogue translates but the page did not, English words that must never show,
numbers written with a decimal point, and a tab titled only with the product's name.

The permission matrix (tests/test_permission_matrix.py) runs it on every page it opens,
so every page of every persona is checked without rendering anything twice."""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from functools import cache
from html.parser import HTMLParser
from typing import Any

from django.conf import settings
from django.utils.translation import trans_real

from egovrank.assessments.choices import AssessmentState
from egovrank.periods.choices import PeriodState
from egovrank.review.choices import Decision

__all__ = ["VisibleText", "language_problems", "visible_text"]

# Elements whose content is not read as text; a textarea holds what is being edited
# (data, like an input's value).
HIDDEN_CONTENT = {"script", "style", "template", "noscript", "textarea"}
# The attributes a person reads (or hears) besides the text.
READ_ATTRIBUTES = {"title", "aria-label", "placeholder", "alt"}

# The stored codes of the states and verdicts: shown to people only by their labels.
STATE_CODES = frozenset(
    str(value) for choices in (AssessmentState, PeriodState, Decision) for value in choices.values
)
# English words no Vietnamese page shows, whatever their sentence (the catalogue check
# below only catches whole texts equal to a msgid).
ENGLISH_WORDS = frozenset(
    {
        "the",
        "and",
        "of",
        "is",
        "are",
        "not",
        "by",
        "with",
        "submitted",
        "withdrawn",
        "loaded",
        "created",
        "importing",
        "imported",
        "changed",
        "allowed",
        "period",
        "points",
        "maximum",
        "children",
        "yes",
        "no",
    }
)
WORD = re.compile(r"[A-Za-z_]+")
# A number with a decimal point: digits, a point, digits, not part of a code ("HT3.1",
# "1.2.3"), a version ("v2.0"), an address ("10.0.0.1") or a word ("file.csv").
DOT_DECIMAL = re.compile(r"(?<![\w.,])\d+\.\d+(?![\w.])")
# Vietnamese groups thousands with a point: "1.234" and "12.345.678" are whole numbers.
THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")


class VisibleText(HTMLParser):
    """The texts a person reads in a page: text nodes and the read attributes, and the
    page's <title> on its own."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.title: str | None = None
        self._hidden = 0
        self._in_title = False
        # An element marked in another language (lang="en": the language switch's
        # "English"), by tag, with how deep the same tag nests inside it.
        self._foreign: tuple[str, int] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._foreign is not None:
            if tag == self._foreign[0]:
                self._foreign = (tag, self._foreign[1] + 1)
            return
        language = dict(attrs).get("lang")
        if language and not language.startswith("vi") and tag != "html":
            self._foreign = (tag, 1)
            return
        if tag in HIDDEN_CONTENT:
            self._hidden += 1
        if tag == "title":
            self._in_title = True
            self.title = ""
        for name, value in attrs:
            if name in READ_ATTRIBUTES and value and value.strip():
                self.texts.append(value.strip())

    def handle_endtag(self, tag: str) -> None:
        if self._foreign is not None:
            if tag == self._foreign[0]:
                depth = self._foreign[1] - 1
                self._foreign = (tag, depth) if depth else None
            return
        if tag in HIDDEN_CONTENT and self._hidden:
            self._hidden -= 1
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._foreign is not None:
            return
        if self._in_title:
            self.title = (self.title or "") + data
        elif not self._hidden and data.strip():
            self.texts.append(" ".join(data.split()))


def visible_text(html: str) -> VisibleText:
    parser = VisibleText()
    parser.feed(html)
    parser.close()
    return parser


@cache
def _translated_msgids() -> frozenset[str]:
    """The catalogue's English texts that have a different Vietnamese translation."""
    catalog = trans_real.translation("vi")._catalog  # type: ignore[attr-defined]
    return frozenset(
        msgid
        for msgid, msgstr in catalog.items()
        if isinstance(msgid, str) and msgid and msgstr and msgstr != msgid
    )


def text_problems(text: str) -> list[str]:
    """What in one visible text is not Vietnamese."""
    problems = []
    if text in _translated_msgids():
        problems.append(f"untranslated: {text!r}")
    words = set(WORD.findall(text))
    codes = sorted(words & STATE_CODES)
    if codes:
        problems.append(f"raw state code {', '.join(codes)} in {text!r}")
    english = sorted(w for w in words if w.lower() in ENGLISH_WORDS and w not in STATE_CODES)
    if english:
        problems.append(f"English {', '.join(english)} in {text!r}")
    for number in DOT_DECIMAL.findall(text):
        if not THOUSANDS.fullmatch(number):
            problems.append(f"dot-decimal number {number} in {text!r}")
    return problems


def language_problems(response: Any, data: AbstractSet[str] = frozenset()) -> list[str]:
    """Every problem of a page rendered in Vietnamese; none for another language.
    ``data``: texts that are data the test made, shown as they are (the test world's
    people are named "Administrator", "Unit Officer"…)."""
    if not response.get("Content-Language", "vi").startswith("vi"):
        return []
    page = visible_text(response.content.decode())
    problems = [
        problem for text in page.texts if text not in data for problem in text_problems(text)
    ]
    if page.title is not None:
        title = " ".join(page.title.split())
        if title == settings.SITE_NAME or title.startswith("·"):
            problems.append(f"the tab is titled only {title!r}")
        problems += text_problems(title)
    return problems
