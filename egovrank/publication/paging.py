"""A large block's ranking a page at a time, with a search by unit name, both plain links
and a plain form (no script needed). A block that fits on one page is shown whole, as
before; the downloads always hold every unit."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, QueryDict

from egovrank.scoring.collation import without_marks

__all__ = ["Paging", "fold", "page_of", "requested"]

# A search longer than any unit name finds nothing anyway; cutting it bounds the work
# and the size of the snapshot key.
MAX_QUERY = 100


def page_size() -> int:
    return int(getattr(settings, "PUBLIC_RANKING_PAGE_SIZE", 170))


# A search and the names it looks through, compared without marks: "xa tan tien" finds
# "Xã Tân Tiến".
fold = without_marks


def requested(query: QueryDict) -> tuple[int, str]:
    """The page number (1 when missing or not a number) and the search as asked."""
    raw = query.get("page", "")
    number = int(raw) if raw.isdigit() and len(raw) <= 6 else 1
    # Control characters (NUL among them) are in no unit name, nor ever shown back.
    text = "".join(ch for ch in query.get("q", "")[: 4 * MAX_QUERY] if ch.isprintable())
    return max(number, 1), " ".join(text.split())[:MAX_QUERY]


@dataclass(frozen=True)
class Paging:
    number: int
    pages: int
    query: str
    matched: int  # rows that match the search (every row without one)
    first_index: int  # 1-based position of the first shown row among the matched

    @property
    def previous(self) -> int | None:
        return self.number - 1 if self.number > 1 else None

    @property
    def next(self) -> int | None:
        return self.number + 1 if self.number < self.pages else None

    def link(self, number: int) -> str:
        """The address of page ``number`` of the same search, relative to the page."""
        return "?" + urlencode(
            {"q": self.query, "page": number} if self.query else {"page": number}
        )

    @property
    def first_link(self) -> str:
        return self.link(1)

    @property
    def previous_link(self) -> str:
        return self.link(self.number - 1)

    @property
    def next_link(self) -> str:
        return self.link(self.number + 1)

    @property
    def last_link(self) -> str:
        return self.link(self.pages)

    @property
    def last_index(self) -> int:
        return min(self.first_index + page_size() - 1, self.matched)


def page_of(rows: list[Any], number: int, query: str) -> tuple[list[Any], Paging | None]:
    """The rows of page ``number`` among those whose unit name or code matches
    ``query``, and how they were chosen; all the rows and None for a block that fits on
    one page (its table looks as before, with no form and no pager). 404 past the end."""
    size = page_size()
    if len(rows) <= size:
        if number > 1:
            raise Http404
        return rows, None
    wanted = fold(query)
    matched = (
        [row for row in rows if wanted in fold(row.unit_name) or wanted in fold(row.unit_code)]
        if wanted
        else rows
    )
    pages = max(1, -(-len(matched) // size))
    if number > pages:
        raise Http404
    start = (number - 1) * size
    return matched[start : start + size], Paging(number, pages, query, len(matched), start + 1)
