"""Write a period's results (live, or a publication's) as CSV, JSON or Excel."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from egovrank.ops.management.commands.compute_results import only_block, period_of
from egovrank.ops.progress import Progress
from egovrank.ops.results_export import FORMATS, render_csv, render_json, render_xlsx
from egovrank.results.compute import compute
from egovrank.results.models import Publication
from egovrank.results.queries import live_tables, published_tables


class Command(BaseCommand):
    help = (
        "Write period YEAR's results as csv, json or xlsx: as computed now from the reviewed "
        "forms, or as published (--publication N, never recomputed)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("year", type=int, help="the period's year, e.g. 2019")
        parser.add_argument(
            "--format",
            choices=FORMATS,
            help="csv, json or xlsx; by default from the --output suffix, else csv",
        )
        parser.add_argument(
            "--output", metavar="FILE", help="the file to write (standard output if left out)"
        )
        parser.add_argument(
            "--publication", type=int, metavar="N", help="the results of publication N instead"
        )
        parser.add_argument("--block", metavar="CODE", help="only this block, e.g. KHOI01")

    def handle(self, *args: Any, **options: Any) -> None:
        period = period_of(options["year"])
        output = Path(options["output"]) if options["output"] else None
        fmt = options["format"] or (
            output.suffix.lower().lstrip(".")
            if output is not None and output.suffix.lower().lstrip(".") in FORMATS
            else "csv"
        )
        if fmt == "xlsx" and output is None:
            raise CommandError("An Excel workbook needs --output FILE.", returncode=2)
        about: dict[str, Any] = {"period": period.year, "title": period.title}
        number = options["publication"]
        progress = Progress("export-results", self.stderr, enabled=options["verbosity"] > 0)
        if number is None:
            progress.note(f"computing the {period.year} results")
            blocks = only_block(compute(period), options["block"])
            tables = live_tables(blocks)
            about.update(results="live", state=period.state, computed_at=timezone.now().isoformat())
        else:
            publication = Publication.objects.filter(period=period, number=number).first()
            if publication is None:
                numbers = ", ".join(
                    str(n) for n in period.publications.values_list("number", flat=True)
                )
                raise CommandError(
                    f"--publication: period {period.year} has no publication {number} "
                    f"(publications: {numbers or 'none'}).",
                    returncode=2,
                )
            tables = published_tables(publication)
            by_code = only_block({t.code: t for t in tables}, options["block"])
            tables = list(by_code.values())
            about.update(
                results="published",
                publication={
                    "number": publication.number,
                    "decision_number": publication.decision_number,
                    "decision_date": publication.decision_date.isoformat(),
                    "signer": publication.signer,
                    "published_at": publication.published_at.isoformat(),
                    "correction_reason": publication.correction_reason,
                },
            )
        if fmt == "xlsx":
            content = render_xlsx(tables)
        elif fmt == "json":
            content = render_json(tables, about)
        else:
            content = render_csv(tables)
        units = sum(len(table.rows) for table in tables)
        if output is None:
            self.stdout.write(content.decode("utf-8-sig"), ending="")
            return
        try:
            output.write_bytes(content)
        except OSError as exc:
            raise CommandError(f"{output}: {exc.strerror}", returncode=2) from exc
        what = f"publication {number}" if number is not None else "live results"
        self.stdout.write(
            f"Wrote {units} units in {len(tables)} block(s) ({what} of {period.year}) to {output}."
        )
