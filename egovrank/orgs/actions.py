"""Changes to the unit registry. Each action runs in one transaction and writes its audit
event inside it, so a change and its record commit together or not at all."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext

from egovrank.core.audit import event, record, record_all
from egovrank.core.roles import Person
from egovrank.scoring.fileformat.problems import Problem

from .choices import TWO_TIER_FROM, UnitKind
from .models import Block, Unit, UnitSuccession
from .tables import table_problem
from .unitfile import UnitFileError, UnitRow, parse_unit_file

__all__ = ["ImportReport", "do_add_succession", "do_import_units"]

# Model fields an import sets, by file column; block and parent are resolved from codes.
_PLAIN_FIELDS = ("name", "short_name", "valid_from", "valid_until")


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import did (or, for a dry run, would do), as unit codes in file order."""

    filename: str
    created: tuple[str, ...]
    updated: tuple[str, ...]
    unchanged: tuple[str, ...]
    dry_run: bool = False

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)

    def __str__(self) -> str:
        return gettext(
            "%(file)s: %(created)d created, %(updated)d updated, %(unchanged)d unchanged"
        ) % {
            "file": self.filename,
            "created": len(self.created),
            "updated": len(self.updated),
            "unchanged": len(self.unchanged),
        }


def do_import_units(
    filename: str, content: bytes, *, actor: Person | None, dry_run: bool = False
) -> ImportReport:
    """Create or update units from a .csv/.xlsx unit list, matched by code.

    All or nothing: every row is checked first and, if anything is wrong, ``UnitFileError``
    lists every problem and nothing changes. Columns missing from the file leave those
    values alone. ``dry_run`` does the whole import, then rolls it back, so the report is
    exactly what a real import would do. One audit event records an import that changed
    anything.
    """
    with transaction.atomic():
        rows, problems = parse_unit_file(filename, content)
        plan = _Plan(filename, rows, problems)
        if plan.problems:
            # By row, so the list reads like the file; file-wide problems first.
            raise UnitFileError(filename, sorted(plan.problems, key=lambda p: p.row or 0))
        report = plan.apply(actor, dry_run)
        if dry_run:
            transaction.set_rollback(True)
    return report


class _Plan:
    """Checks the rows against the database and then applies them."""

    def __init__(self, filename: str, rows: list[UnitRow], problems: list[Problem]) -> None:
        self.filename = filename
        self.problems = list(problems)
        self.blocks = {block.code: block for block in Block.objects.all()}
        # The whole registry as code -> (parent code, kind): enough to follow parent chains
        # through units the file does not mention. Locked so nobody edits them meanwhile.
        # A reused code (a reform's successor taking a predecessor's code) names the latest
        # unit: listed latest last, so it is the one each code keeps in these maps.
        units = list(
            Unit.objects.select_for_update()
            .latest_first()
            .reverse()
            .values_list("pk", "code", "parent_id", "kind")
        )
        self.code_of = {pk: code for pk, code, _, _ in units}
        self.db_parent = {code: self.code_of.get(parent_id, "") for _, code, parent_id, _ in units}
        self.db_kind = {code: kind for _, code, _, kind in units}
        self.db_pk = {code: pk for pk, code, _, _ in units}
        # First row of each code only: a duplicate is already reported.
        self.rows: dict[str, UnitRow] = {}
        for row in rows:
            if row.code and row.code not in self.rows:
                self.rows[row.code] = row
        holders: dict[str, list[Unit]] = {}
        for unit in Unit.objects.filter(code__in=list(self.rows)).latest_first():
            holders.setdefault(unit.code, []).append(unit)
        self.existing: dict[str, Unit] = {}
        self.unclear: set[str] = set()  # codes whose unit the row does not say: reported
        for code, held in holders.items():
            found = self.holder(self.rows[code], held)
            if found is not None:
                self.existing[code] = found
        self.kind: dict[str, str] = {}
        self.parent: dict[str, str] = {}
        for row in rows:
            self.check_block_and_kind(row)
        for row in self.rows.values():
            if row.code not in self.unclear:
                self.check_parent(row)
        for row in self.rows.values():
            if row.code not in self.unclear:
                self.check_cycle(row)
        self.list_order = self.positions()

    def positions(self) -> dict[str, int]:
        """The list positions the file sets (``tie_order: unit_list``). A position cell
        sets its unit's exactly; otherwise a unit already registered keeps its own, and a
        new one goes after every position already held, in the file's row order. So a
        file of a few units never renumbers the others: reordering takes the column."""
        given = {code: row.position for code, row in self.rows.items() if row.position}
        held = Unit.objects.aggregate(last=Max("list_order"))["last"] or 0
        last = max([held, *given.values()])
        new = [code for code in self.rows if code not in self.existing and code not in given]
        return given | {code: last + index for index, code in enumerate(new, start=1)}

    def holder(self, row: UnitRow, held: list[Unit]) -> Unit | None:
        """The unit ``row`` changes among those holding its code (latest first); None for
        a new unit. A code reused after a reform is held by several units told apart by
        their years, so the row must give them: a bare code would silently rewrite the
        latest unit with an older file's row (a 2019 list renaming the wards of 2025)."""
        latest = held[0]
        if self.starts_after(row, latest):
            return None
        if len(held) == 1:
            return latest
        if row.valid_from is None and row.valid_until is None:
            self.problem(row, "code", self.ambiguous(row.code, held))
            self.unclear.add(row.code)
            return None
        matching = [
            unit
            for unit in held
            if (row.valid_from is None or unit.valid_from == row.valid_from)
            and (row.valid_from is not None or unit.valid_until == row.valid_until)
        ]
        if len(matching) != 1:
            self.problem(row, "code", self.ambiguous(row.code, held))
            self.unclear.add(row.code)
            return None
        return matching[0]

    @staticmethod
    def ambiguous(code: str, held: list[Unit]) -> str:
        units = "; ".join(
            f"{unit.name} ({unit.valid_from or '…'}–{unit.valid_until or '…'})" for unit in held
        )
        return gettext(
            "the code %(code)s is held by %(count)d units told apart by their years "
            "(%(units)s): give the row's valid_from (or valid_until) to say which"
        ) % {"code": code, "count": len(held), "units": units}

    @staticmethod
    def starts_after(row: UnitRow, unit: Unit) -> bool:
        """The row is a new unit reusing the code of one that ended before it starts."""
        return (
            row.valid_from is not None
            and unit.valid_until is not None
            and unit.valid_until < row.valid_from
        )

    def problem(self, row: UnitRow, column: str, message: str) -> None:
        self.problems.append(table_problem(self.filename, row.row, column, message))

    def check_block_and_kind(self, row: UnitRow) -> None:
        block = self.blocks.get(row.block) if row.block else None
        if row.block and block is None:
            message = gettext("unknown block %(block)s (known: %(known)s)") % {
                "block": repr(row.block),
                "known": ", ".join(self.blocks) or "-",
            }
            self.problem(row, "block", message)
        if "kind" in row.invalid:
            return
        kind = row.kind or (block.unit_kind if block else "")
        if not kind and not row.block:
            self.problem(row, "kind", gettext("a kind is needed, or a block that gives one"))
        if kind and self.rows.get(row.code) is row:
            self.kind[row.code] = kind

    def kind_of(self, code: str) -> str:
        return self.kind.get(code) or self.db_kind.get(code, "")

    def parent_of(self, code: str) -> str:
        row = self.rows.get(code)
        if row is not None and row.has("parent"):
            return row.parent
        unit = self.existing.get(code)
        if unit is not None:  # the unit the row's years named, not the code's latest
            return self.code_of.get(unit.parent_id, "") if unit.parent_id else ""
        return self.db_parent.get(code, "")

    def check_parent(self, row: UnitRow) -> None:
        parent = self.parent_of(row.code)
        if not parent:
            return
        if parent == row.code:
            self.problem(row, "parent", gettext("a unit cannot be its own parent"))
            return
        if parent not in self.rows and parent not in self.db_kind:
            message = gettext("unknown parent unit %(code)s") % {"code": repr(parent)}
            self.problem(row, "parent", message)
            return
        kind, parent_kind = self.kind_of(row.code), self.kind_of(parent)
        # From the 2025 reform the district level is gone: a commune answers to the province.
        start = row.valid_from
        if not row.has("valid_from") and row.code in self.existing:
            start = self.existing[row.code].valid_from
        two_tier = parent_kind == UnitKind.PROVINCE and start is not None and start >= TWO_TIER_FROM
        if (
            kind == UnitKind.COMMUNE
            and parent_kind
            and parent_kind != UnitKind.DISTRICT
            and not two_tier
        ):
            message = gettext(
                "a commune's parent must be a district, but %(code)s is a %(kind)s"
            ) % {"code": repr(parent), "kind": UnitKind(parent_kind).label}
            self.problem(row, "parent", message)

    def check_cycle(self, row: UnitRow) -> None:
        chain = [row.code]
        code = self.parent_of(row.code)
        while code and code != row.code and code not in chain:
            chain.append(code)
            code = self.parent_of(code)
        if code == row.code and len(chain) > 1:  # a unit that is its own parent: reported
            message = gettext("the parent chain loops back to the unit: %(chain)s") % {
                "chain": " → ".join([*chain, row.code])
            }
            self.problem(row, "parent", message)

    def depth(self, code: str) -> int:
        """How many of the unit's ancestors come from the file: those must be saved first."""
        depth = 0
        code = self.parent_of(code)
        while code in self.rows:
            depth += 1
            code = self.parent_of(code)
        return depth

    def apply(self, actor: Person | None, dry_run: bool) -> ImportReport:
        created: list[str] = []
        updated: list[str] = []
        unchanged: list[str] = []
        saved = dict(self.existing)
        before = {code: self.state(unit) for code, unit in self.existing.items()}
        # Parents first, so every parent a row names exists by the time the row is saved.
        for row in sorted(self.rows.values(), key=lambda row: self.depth(row.code)):
            unit = self.existing.get(row.code)
            values = self.values(row, saved)
            if unit is None:
                saved[row.code] = Unit.objects.create(code=row.code, **values)
                self.code_of[saved[row.code].pk] = row.code
                created.append(row.code)
                continue
            changed = [name for name, value in values.items() if getattr(unit, name) != value]
            if changed:
                for name in changed:
                    setattr(unit, name, values[name])
                unit.save(update_fields=changed)
                updated.append(row.code)
            else:
                unchanged.append(row.code)
        position = {code: index for index, code in enumerate(self.rows)}
        report = ImportReport(
            filename=self.filename,
            created=tuple(sorted(created, key=position.__getitem__)),
            updated=tuple(sorted(updated, key=position.__getitem__)),
            unchanged=tuple(sorted(unchanged, key=position.__getitem__)),
            dry_run=dry_run,
        )
        if report.changed and not dry_run:
            self.record(actor, saved, before, report)
        return report

    def record(
        self,
        actor: Person | None,
        saved: dict[str, Unit],
        before: dict[str, dict[str, Any]],
        report: ImportReport,
    ) -> None:
        """One event per unit created or changed, naming the file and what changed."""
        events = []
        for code in report.created:
            events.append(
                event(
                    "unit.created",
                    saved[code],
                    actor=actor,
                    summary=f"created by importing {self.filename}",
                    data={"file": self.filename, "after": self.state(saved[code])},
                )
            )
        for code in report.updated:
            after = self.state(saved[code])
            changed = {
                name: [before[code][name], value]
                for name, value in after.items()
                if before[code][name] != value
            }
            events.append(
                event(
                    "unit.updated",
                    saved[code],
                    actor=actor,
                    summary=f"{', '.join(changed)} changed by importing {self.filename}",
                    data={"file": self.filename, "changed": changed},
                )
            )
        record_all(events)

    def state(self, unit: Unit) -> dict[str, Any]:
        """A unit's recorded fields, block and parent by code (codes outlive ids), read
        from the plan's maps rather than one query per unit."""
        block_code = {block.pk: code for code, block in self.blocks.items()}
        return {
            "name": unit.name,
            "short_name": unit.short_name,
            "kind": unit.kind,
            "block": block_code.get(unit.block_id) if unit.block_id else None,
            "parent": self.code_of.get(unit.parent_id) if unit.parent_id else None,
            "valid_from": unit.valid_from,
            "valid_until": unit.valid_until,
            "list_order": unit.list_order,
        }

    def values(self, row: UnitRow, saved: dict[str, Unit]) -> dict[str, Any]:
        """The model values the row sets: only for the columns the file has."""
        values: dict[str, Any] = {"kind": self.kind[row.code]}
        if row.code in self.list_order:
            values["list_order"] = self.list_order[row.code]
        for name in _PLAIN_FIELDS:
            if row.has(name) or row.code not in self.existing:
                values[name] = getattr(row, name)
        # Ids, not objects: comparing them needs no query per unit.
        if row.has("block"):
            values["block_id"] = self.blocks[row.block].pk if row.block else None
        if row.has("parent"):
            parent = saved.get(row.parent)  # created by this import, else already there
            values["parent_id"] = (
                (parent.pk if parent else self.db_pk[row.parent]) if row.parent else None
            )
        return values


@transaction.atomic
def do_add_succession(
    predecessor: Unit, successor: Unit, *, kind: str, year: int, note: str, actor: Person | None
) -> UnitSuccession:
    """Record that ``successor`` continues ``predecessor`` from ``year``."""
    link = UnitSuccession.objects.create(
        predecessor=predecessor, successor=successor, kind=kind, year=year, note=note
    )
    record(
        "unit.succession_added",
        predecessor,
        actor=actor,
        summary=f"{predecessor.code} → {successor.code} ({kind}, {year})",
        data={"successor": successor.code, "kind": kind, "year": year, "note": note},
    )
    return link
