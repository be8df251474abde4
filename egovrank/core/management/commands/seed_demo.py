"""Load the Hưng Yên demo. Safe to run again: what is there already is left alone.

So far the demo consists of the three shipped Hưng Yên criteria sets, which live in
the package; this command checks that they load and total as stated. Units, people
and a demo period join as the apps that hold them arrive.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from egovrank.criteria.queries import shipped_sets


class Command(BaseCommand):
    help = "Load the Hưng Yên demo data (idempotent); --accounts lists the demo sign-ins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--accounts", action="store_true", help="only print the demo accounts and exit"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["accounts"]:
            self.stdout.write("  Demo accounts: none yet; every page so far is public.")
            return
        try:
            sets = shipped_sets()
        except ValueError as exc:  # a broken shipped set must stop the demo loudly
            raise CommandError(str(exc)) from exc
        for summary in sets:
            self.stdout.write(
                f"  {summary.block_code}: {summary.title} — "
                f"{summary.group_count} groups, {summary.criterion_count} criteria, "
                f"max {summary.max_total}"
            )
