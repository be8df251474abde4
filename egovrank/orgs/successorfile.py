"""Successor files: which former units each unit continues, as a CSV or Excel table.

Columns (headers matched like the unit list's): ``new_code`` (the successor),
``old_code`` (the former unit), ``share`` (optional: ``toàn bộ``/``whole`` when the former
unit went whole to this one, ``một phần``/``phần còn lại``/``part`` when it was split
between several), ``year`` (optional: the first year of the successor; the import's year
when absent). Any other column (names, former districts) is a note for people and is
left alone, so the provenance file of a reform can be imported as it is published.

A code names the unit valid in that year: ``new_code`` the one valid in the link's year,
``old_code`` the one valid the year before. That is how a reused official code (Phường
Phố Hiến 11953 from 2025, Phường Hiến Nam 11953 until 2024) is read right.

All or nothing: every problem is listed with its row and column and nothing changes.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext

from egovrank.core.audit import event, record_all
from egovrank.core.roles import Person
from egovrank.scoring.fileformat.problems import Problem

from .choices import SuccessionKind
from .models import Unit, UnitSuccession
from .tables import TableRefused, fold, keyed_rows, read_table, table_problem

__all__ = ["SuccessorFileError", "SuccessorReport", "do_import_successors"]

_ALIASES = {
    "new_code": ("new code", "successor", "mã mới", "đơn vị kế thừa"),
    "old_code": ("old code", "predecessor", "mã cũ", "đơn vị cũ"),
    "share": ("share", "phần"),
    "year": ("year", "năm", "từ năm"),
}
_HEADER = {fold(alias): column for column, aliases in _ALIASES.items() for alias in aliases}
_WHOLE = {fold(word) for word in ("toàn bộ", "whole", "")}
_PART = {fold(word) for word in ("một phần", "phần còn lại", "part", "rest")}
_YEAR = re.compile(r"\d{4}")


class SuccessorFileError(TableRefused):
    """A successor file was refused whole; nothing was changed."""


@dataclass(frozen=True, slots=True)
class SuccessorReport:
    filename: str
    created: int
    updated: int
    unchanged: int
    dry_run: bool = False

    def __str__(self) -> str:
        return gettext(
            "%(file)s: %(created)d links created, %(updated)d updated, %(unchanged)d unchanged"
        ) % {
            "file": self.filename,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
        }


@dataclass(frozen=True, slots=True)
class _Link:
    row: int
    predecessor: Unit
    successor: Unit
    part: bool
    year: int
    note: str


def do_import_successors(
    filename: str, content: bytes, *, year: int, actor: Person | None, dry_run: bool = False
) -> SuccessorReport:
    """Record every link of the file (``year`` for rows without one), or none."""
    with transaction.atomic():
        links = _Reader(filename, year).read(content)
        report = _apply(filename, links, actor, dry_run)
        if dry_run:
            transaction.set_rollback(True)
    return report


class _Reader:
    def __init__(self, filename: str, year: int) -> None:
        self.filename = filename
        self.year = year
        self.problems: list[Problem] = []

    def problem(self, row: int | None, column: str, message: str) -> None:
        self.problems.append(table_problem(self.filename, row, column, message))

    def refuse(self) -> SuccessorFileError:
        return SuccessorFileError(self.filename, sorted(self.problems, key=lambda p: p.row or 0))

    def read(self, content: bytes) -> list[_Link]:
        def refuse(message: str, row: int | None) -> SuccessorFileError:
            return SuccessorFileError(
                self.filename, [table_problem(self.filename, row, "", message)]
            )

        wrong_type = gettext("a successor file must be a .csv or .xlsx file")
        table = read_table(self.filename, content, refuse, wrong_type, comments=True)
        header_row, positions, rows = keyed_rows(table, _HEADER)
        missing = [column for column in ("new_code", "old_code") if column not in positions]
        if missing:
            message = gettext("missing column(s): %(columns)s") % {"columns": ", ".join(missing)}
            self.problem(header_row or None, "", message)
            raise self.refuse()
        raw = list(rows)
        if not raw:
            self.problem(None, "", gettext("no links in the file"))
            raise self.refuse()
        # Every recorded link, once: the registry's links are a few thousand.
        self.recorded: dict[int, set[int]] = defaultdict(set)
        for old, new in UnitSuccession.objects.values_list("predecessor_id", "successor_id"):
            self.recorded[old].add(new)
        links = self.resolve(raw)
        self.check_shares(links)
        self.check_cycles(links)
        if self.problems:
            raise self.refuse()
        return links

    def resolve(self, raw: list[tuple[int, dict[str, str]]]) -> list[_Link]:
        codes = {values[c] for _, values in raw for c in ("new_code", "old_code")}
        by_code: dict[str, list[Unit]] = defaultdict(list)
        # The whole registry (a few thousand units) rather than a query with a parameter
        # per code of the file, which a long file would push past the database's limit.
        for unit in Unit.objects.latest_first().iterator(chunk_size=2000):
            if unit.code in codes:
                by_code[unit.code].append(unit)

        def unit_in(code: str, year: int) -> Unit | None:
            return next((u for u in by_code.get(code, []) if u.is_valid_in(year)), None)

        links: list[_Link] = []
        seen: dict[tuple[int, int], int] = {}
        for number, values in raw:
            year = self.year
            if values.get("year"):
                if _YEAR.fullmatch(values["year"]):
                    year = int(values["year"])
                else:
                    message = gettext("%(text)s is not a year (a whole number such as 2019)")
                    self.problem(number, "year", message % {"text": repr(values["year"])})
                    continue
            share = fold(values.get("share", ""))
            if share not in _WHOLE and share not in _PART:
                message = gettext(
                    "unknown share %(share)s (known: toàn bộ, một phần, phần còn lại)"
                )
                self.problem(number, "share", message % {"share": repr(values["share"])})
                continue
            ends: list[Unit] = []
            for column, in_year in (("new_code", year), ("old_code", year - 1)):
                code = values[column]
                found = unit_in(code, in_year) if code else None
                if not code:
                    self.problem(number, column, gettext("a code is needed"))
                elif found is None:
                    message = gettext("no unit with code %(code)s is valid in %(year)d")
                    self.problem(number, column, message % {"code": repr(code), "year": in_year})
                else:
                    ends.append(found)
            if len(ends) < 2:
                continue
            successor, predecessor = ends
            if successor.pk == predecessor.pk:
                message = gettext("%(code)s cannot succeed itself")
                self.problem(number, "old_code", message % {"code": predecessor.code})
                continue
            key = (predecessor.pk, successor.pk)
            if key in seen:
                message = gettext("the same link is also on row %(other)d")
                self.problem(number, "old_code", message % {"other": seen[key]})
                continue
            seen[key] = number
            note = values.get("share", "") if share in _PART else ""
            links.append(_Link(number, predecessor, successor, share in _PART, year, note))
        return links

    def check_shares(self, links: list[_Link]) -> None:
        """A former unit goes whole to one successor, or in parts to two or more."""
        by_predecessor: dict[int, list[_Link]] = defaultdict(list)
        for link in links:
            by_predecessor[link.predecessor.pk].append(link)
        for group in by_predecessor.values():
            parts = [link for link in group if link.part]
            if not parts and len(group) == 1:
                continue
            first = group[0]
            if len(parts) < len(group):
                message = gettext(
                    "%(code)s goes whole to one unit but is also linked on row %(other)d"
                )
                other = next(link for link in group if link is not first)
                self.problem(
                    first.row,
                    "share",
                    message % {"code": first.predecessor.code, "other": other.row},
                )
            elif len(parts) == 1 and not self.recorded_elsewhere(first):
                message = gettext(
                    "only one part of %(code)s is in the file: a split needs its other part"
                )
                self.problem(first.row, "share", message % {"code": first.predecessor.code})

    def recorded_elsewhere(self, link: _Link) -> bool:
        """The other part of a split may have been recorded already."""
        return bool(self.recorded[link.predecessor.pk] - {link.successor.pk})

    def check_cycles(self, links: list[_Link]) -> None:
        """No unit may follow itself through links, those of the file or those recorded.
        One depth-first walk over every link: bounded by their number, whatever the file."""
        edges: dict[int, list[tuple[int, _Link | None]]] = defaultdict(list)
        for old, successors in self.recorded.items():
            edges[old].extend((new, None) for new in successors)
        for link in links:
            edges[link.predecessor.pk].append((link.successor.pk, link))
        state: dict[int, int] = {}  # 1: on the current path, 2: done
        for start in list(edges):
            if start in state:
                continue
            path: list[tuple[int, _Link | None]] = [(start, None)]
            stack = [iter(edges[start])]
            state[start] = 1
            while stack:
                step = next(stack[-1], None)
                if step is None:
                    state[path.pop()[0]] = 2
                    stack.pop()
                    continue
                node, via = step
                if state.get(node) == 1:
                    self.report_cycle(path, node, via)
                    continue
                if node not in state:
                    state[node] = 1
                    path.append((node, via))
                    stack.append(iter(edges.get(node, [])))

    def report_cycle(
        self, path: list[tuple[int, _Link | None]], node: int, last: _Link | None
    ) -> None:
        index = next(i for i, (pk, _) in enumerate(path) if pk == node)
        in_cycle = [link for _, link in path[index + 1 :] if link is not None]
        if last is not None:
            in_cycle.append(last)
        if not in_cycle:  # a cycle among recorded links only: not this file's doing
            return
        culprit = max(in_cycle, key=lambda link: link.row)
        chain = [link.predecessor.code for link in in_cycle] + [culprit.successor.code]
        message = gettext("this link closes a cycle: a unit would succeed itself (%(chain)s)")
        self.problem(culprit.row, "new_code", message % {"chain": " → ".join(chain)})


def _apply(
    filename: str, links: list[_Link], actor: Person | None, dry_run: bool
) -> SuccessorReport:
    existing = {
        (s.predecessor_id, s.successor_id): s
        for s in UnitSuccession.objects.select_for_update().filter(
            predecessor__in=[link.predecessor for link in links]
        )
    }
    created: list[UnitSuccession] = []
    updated = unchanged = 0
    events = []
    for link in links:
        kind = SuccessionKind.SPLIT if link.part else SuccessionKind.MERGED
        values = {"kind": kind, "year": link.year, "note": link.note}
        old = existing.get((link.predecessor.pk, link.successor.pk))
        if old is None:
            created.append(
                UnitSuccession(predecessor=link.predecessor, successor=link.successor, **values)
            )
        elif any(getattr(old, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(old, name, value)
            old.save(update_fields=list(values))
            updated += 1
        else:
            unchanged += 1
            continue
        events.append(
            event(
                "unit.succession_added",
                link.predecessor,
                actor=actor,
                summary=f"{link.predecessor.code} → {link.successor.code} ({kind}, {link.year})"
                f" by importing {filename}",
                data={
                    "successor": link.successor.code,
                    "kind": kind,
                    "year": link.year,
                    "note": link.note,
                    "file": filename,
                },
            )
        )
    UnitSuccession.objects.bulk_create(created, batch_size=500)
    if not dry_run:
        record_all(events)
    return SuccessorReport(filename, len(created), updated, unchanged, dry_run)
