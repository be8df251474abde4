"""Print a period's results as they stand, computed now from the reviewed forms."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from egovrank.core.progress import Progress
from egovrank.periods.models import Period
from egovrank.results.compute import BlockResults, compute, warnings
from egovrank.scoring.report import render_table


def period_of(year: int) -> Period:
    period = Period.objects.filter(year=year).first()
    if period is None:
        years = ", ".join(str(y) for y in Period.objects.values_list("year", flat=True))
        raise CommandError(
            f"There is no period for {year}" + (f" (periods: {years})." if years else "."),
            returncode=2,
        )
    return period


def only_block(blocks: dict[str, Any], code: str | None) -> dict[str, Any]:
    if code is None:
        return blocks
    if code not in blocks:
        raise CommandError(
            f"--block: no block {code} in this period (blocks: {', '.join(blocks) or 'none'}).",
            returncode=2,
        )
    return {code: blocks[code]}


class Command(BaseCommand):
    help = (
        "Print period YEAR's results per block as the scoring core computes them now from "
        "the reviewed forms (a preview until they are published), with what still stops "
        "them from being final."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("year", type=int, help="the period's year, e.g. 2019")
        parser.add_argument("--block", metavar="CODE", help="only this block, e.g. KHOI01")
        parser.add_argument(
            "--locale", choices=("vi", "en"), default="vi", help="language of the table"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        period = period_of(options["year"])
        progress = Progress("compute-results", self.stderr, enabled=options["verbosity"] > 0)
        progress.note(f"computing the {period.year} results")
        blocks = only_block(compute(period), options["block"])
        self.stdout.write(f"Period {period.year} ({period.state}): {period.title}")
        for code, block in blocks.items():
            self.stdout.write("")
            self.stdout.write(
                f"{code} — {block.block.name} ({block.version.set_id}): "
                f"{len(block.units)} units, maximum {block.criteria_set.max_total}"
            )
            self.stdout.write(render_table(block.result, options["locale"]), ending="")
            self.notes(block)
        found = warnings(period)
        self.stdout.write("")
        self.stdout.write(f"Not submitted: {len(found.not_submitted)} unit(s).")
        if found.not_reviewed:
            names = ", ".join(p.unit_code for p in found.not_reviewed)
            self.stdout.write(f"Submitted, review not approved (counted as a preview): {names}")
        if found.not_forwarded:
            names = ", ".join(unit.name for unit in found.not_forwarded)
            self.stdout.write(f"Districts that have not forwarded their communes: {names}")

    def notes(self, block: BlockResults) -> None:
        for code, facts in block.units.items():
            if facts.refused:
                refused = ", ".join(sorted(facts.refused))
                self.stdout.write(f"  {code}: answers refused by their rules, left out: {refused}")
