"""Write a period's results (live, or a publication's) as CSV, JSON, Excel or PDF."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone, translation

from egovrank.core.progress import Progress
from egovrank.ops.management.commands.compute_results import only_block, period_of
from egovrank.ops.results_export import BINARY_FORMATS, FORMATS, LAYOUTS, render
from egovrank.publication.exports.source import ExportSource, from_live, from_publication
from egovrank.results.compute import compute
from egovrank.results.models import Publication


class Command(BaseCommand):
    help = (
        "Write period YEAR's results as csv, json, xlsx or pdf: as computed now from the "
        "reviewed forms, or as published (--publication N, never recomputed)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("year", type=int, help="the period's year, e.g. 2019")
        parser.add_argument(
            "--format",
            choices=FORMATS,
            help="csv, json, xlsx or pdf; by default from the --output suffix, else csv",
        )
        parser.add_argument(
            "--output", metavar="FILE", help="the file to write (standard output if left out)"
        )
        parser.add_argument(
            "--publication", type=int, metavar="N", help="the results of publication N instead"
        )
        parser.add_argument("--block", metavar="CODE", help="only this block, e.g. KHOI01")
        parser.add_argument(
            "--layout",
            choices=LAYOUTS,
            default="data",
            help=(
                "the workbook's layout: data (the CSV's columns, the default) or "
                "announcement (as the public download: title, decision, Vietnamese headers)"
            ),
        )
        parser.add_argument(
            "--locale",
            choices=("vi", "en"),
            default="vi",
            help="language of the announcement's words (xlsx announcement, pdf)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        period = period_of(options["year"])
        output = Path(options["output"]) if options["output"] else None
        suffix = output.suffix.lower().lstrip(".") if output is not None else ""
        fmt = options["format"] or (suffix if suffix in FORMATS else "csv")
        if fmt in BINARY_FORMATS and output is None:
            kind = "An Excel workbook" if fmt == "xlsx" else "A PDF"
            raise CommandError(f"{kind} needs --output FILE.", returncode=2)
        number = options["publication"]
        progress = Progress("export-results", self.stderr, enabled=options["verbosity"] > 0)
        source: ExportSource
        if number is None:
            progress.note(f"computing the {period.year} results")
            blocks = only_block(compute(period), options["block"])
            source = from_live(period, blocks, timezone.now())
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
            block = options["block"]
            only_block(publication.blocks, block)  # refuses an unknown block
            source = from_publication(
                publication, only=None if block is None else [block], with_shares=fmt == "json"
            )
        with translation.override(options["locale"]):
            content = render(fmt, source, layout=options["layout"])
        units = sum(len(table.rows) for table in source.tables)
        if output is None:
            self.stdout.write(content.decode("utf-8-sig"), ending="")
            return
        try:
            output.write_bytes(content)
        except OSError as exc:
            raise CommandError(f"{output}: {exc.strerror}", returncode=2) from exc
        what = f"publication {number}" if number is not None else "live results"
        self.stdout.write(
            f"Wrote {units} units in {len(source.tables)} block(s) ({what} of {period.year}) "
            f"to {output}."
        )
