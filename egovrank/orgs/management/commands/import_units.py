"""Import a unit list (.csv or .xlsx): all rows or none, matched by code."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext

from egovrank.orgs.actions import do_import_units
from egovrank.orgs.unitfile import UnitFileError


class Command(BaseCommand):
    help = "Create or update units from a .csv or .xlsx unit list; --dry-run changes nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the unit list, .csv (UTF-8) or .xlsx")
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
            report = do_import_units(path.name, content, actor=None, dry_run=options["dry_run"])
        except UnitFileError as exc:  # its message lists every problem
            raise CommandError(str(exc)) from exc
        if report.dry_run:
            self.stdout.write(gettext("Dry run: nothing was changed."))
        self.stdout.write(str(report))
        for label, codes in (
            (gettext("created"), report.created),
            (gettext("updated"), report.updated),
        ):
            if codes:
                self.stdout.write(f"  {label}: {', '.join(codes)}")
