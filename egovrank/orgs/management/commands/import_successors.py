"""Import a successor file (.csv or .xlsx): the links from former units to their
successors across a reform, all or none."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext

from egovrank.orgs.successorfile import SuccessorFileError, do_import_successors


class Command(BaseCommand):
    help = (
        "Link former units to their successors from a .csv or .xlsx file "
        "(new_code, old_code, share, year); --dry-run changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the successor file, .csv (UTF-8) or .xlsx")
        parser.add_argument(
            "--year",
            type=int,
            required=True,
            help="the successors' first year, for rows without a year (2025 for the reform)",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="check the file and say what would change, but change nothing",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            content = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"{path}: {exc.strerror}") from exc
        try:
            report = do_import_successors(
                path.name, content, year=options["year"], actor=None, dry_run=options["dry_run"]
            )
        except SuccessorFileError as exc:  # its message lists every problem
            raise CommandError(str(exc)) from exc
        if report.dry_run:
            self.stdout.write(gettext("Dry run: nothing was changed."))
        self.stdout.write(str(report))
