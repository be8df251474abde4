"""Restore an archive written by `backup` into an empty installation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from egovrank.core.progress import Progress
from egovrank.ops.backup import RestoreRefused, restore_backup


class Command(BaseCommand):
    help = (
        "Restore FILE (written by `backup`) into this installation, which must be migrated "
        "and empty: every checksum is checked first, then all rows and files are written, "
        "or none."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the archive written by `backup`")

    def handle(self, *args: Any, **options: Any) -> None:
        progress = Progress("restore", self.stderr, enabled=options["verbosity"] > 0)
        try:
            summary = restore_backup(Path(options["file"]), progress=progress)
        except RestoreRefused as exc:
            raise CommandError(str(exc), returncode=2) from exc
        finally:
            progress.finish()
        for warning in summary.warnings:
            self.stderr.write(f"Warning: {warning}")
        self.stdout.write(f"Restored {summary}.")
