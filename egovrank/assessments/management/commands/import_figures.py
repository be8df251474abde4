"""Save figures from another system (.csv or .xlsx) into a period's forms: all or none."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from egovrank.assessments.figures import FiguresRefused, do_import_figures
from egovrank.core.progress import Progress
from egovrank.periods.models import Period


class Command(BaseCommand):
    help = (
        "Fill the inputs of period YEAR's forms from FILE (.csv or .xlsx with columns "
        "unit_code, criterion, value — or numerator, denominator for a ratio): every row "
        "is checked first and nothing is saved if any is refused; --dry-run saves nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("year", type=int, help="the period's year, e.g. 2019")
        parser.add_argument("file", help="the figures, .csv (UTF-8) or .xlsx")
        parser.add_argument(
            "--source",
            required=True,
            help="where the figures come from, kept in each form's history, e.g. "
            '"Cổng dịch vụ công, thống kê 2019"',
        )
        parser.add_argument(
            "--user",
            metavar="USERNAME",
            help="the person the history names as having saved the figures (default: none)",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="check the file and say what would change, but change nothing",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        period = Period.objects.filter(year=options["year"]).first()
        if period is None:
            raise CommandError(f"There is no period for {options['year']}.", returncode=2)
        actor = None
        if options["user"]:
            actor = get_user_model().objects.filter(username=options["user"]).first()
            if actor is None:
                raise CommandError(
                    f"--user: nobody has the user name {options['user']!r}.", returncode=2
                )
        path = Path(options["file"])
        try:
            content = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"{path}: {exc.strerror}", returncode=2) from exc
        progress = Progress("import-figures", self.stderr, enabled=options["verbosity"] > 0)
        try:
            report = do_import_figures(
                period,
                path.name,
                content,
                source=options["source"],
                actor=actor,
                dry_run=options["dry_run"],
                progress=progress,
            )
        except FiguresRefused as exc:  # its message lists every problem with its place
            raise CommandError(str(exc), returncode=2) from exc
        finally:
            progress.finish()
        if report.dry_run:
            self.stdout.write("Dry run: nothing was changed.")
        self.stdout.write(str(report))
        for row in report.rows:
            change = f"{row.before or '—'} → {row.after}" if row.changed else "unchanged"
            self.stdout.write(
                f"  row {row.row}: {row.unit_code} {row.unit_name} {row.criterion}: {change}"
            )
