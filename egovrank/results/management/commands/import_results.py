"""Import a past year's published results (.csv or .xlsx) as an imported period, all or
none: a province's history from before it used the application."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from egovrank.accounts.models import User
from egovrank.results.historyfile import HistoryFileError, do_import_results


class Command(BaseCommand):
    help = (
        "Record a past year's published results from a .csv or .xlsx file (code, block, "
        "points, max_points, share, level, rank) as a published period marked as imported."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the results file, .csv (UTF-8) or .xlsx")
        parser.add_argument("--year", type=int, required=True, help="the year evaluated")
        parser.add_argument(
            "--decision", required=True, help="the announcing decision's number, e.g. 512/QĐ-UBND"
        )
        parser.add_argument(
            "--decision-date",
            required=True,
            type=date.fromisoformat,
            help="the decision's date, YYYY-MM-DD",
        )
        parser.add_argument("--signer", default="", help="who signed the decision")
        parser.add_argument(
            "--by", required=True, help="the user name of the person importing (recorded)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            content = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"{path}: {exc.strerror}") from exc
        actor = User.objects.filter(username=options["by"], is_active=True).first()
        if actor is None:
            raise CommandError(f"No active user named {options['by']!r}.")
        try:
            report = do_import_results(
                path.name,
                content,
                year=options["year"],
                decision_number=options["decision"],
                decision_date=options["decision_date"],
                signer=options["signer"],
                actor=actor,
            )
        except HistoryFileError as exc:  # its message lists every problem
            raise CommandError(str(exc)) from exc
        self.stdout.write(str(report))
