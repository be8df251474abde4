"""Restore an archive written by `backup` into an empty installation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from egovrank.core.progress import Progress
from egovrank.ops.backup import RestoreRefused, restore_backup


class Command(BaseCommand):
    help = (
        "Restore FILE (written by `backup`) into this installation, which must be migrated "
        "and empty: the signature (BACKUP_SIGNING_KEY) and every checksum are checked first, "
        "then all rows and files are written, or none."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the archive written by `backup`")
        parser.add_argument(
            "--accept-unsigned",
            action="store_true",
            help="restore an archive that is not signed (or whose signature cannot be "
            "checked, BACKUP_SIGNING_KEY being unset): only one you know nobody changed",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        progress = Progress("restore", self.stderr, enabled=options["verbosity"] > 0)
        try:
            summary = restore_backup(
                Path(options["file"]),
                signing_key=settings.BACKUP_SIGNING_KEY,
                accept_unsigned=options["accept_unsigned"],
                progress=progress,
            )
        except RestoreRefused as exc:
            raise CommandError(str(exc), returncode=2) from exc
        finally:
            progress.finish()
        for warning in summary.warnings:
            self.stderr.write(f"Warning: {warning}")
        self.stdout.write(f"Restored {summary}.")
