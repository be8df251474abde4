"""Write one archive with every table's rows, every evidence file and their checksums."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from egovrank.core.progress import Progress
from egovrank.ops.backup import BackupRefused, make_backup


class Command(BaseCommand):
    help = (
        "Write FILE (a .zip): every table's rows, every evidence file, and a manifest with "
        "the SHA-256 of each, the app version and the migrations applied, signed with "
        "BACKUP_SIGNING_KEY; `restore` reads it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the archive to write, e.g. egovrank-2025-01-31.zip")
        parser.add_argument(
            "--overwrite", action="store_true", help="replace FILE if it exists already"
        )
        parser.add_argument(
            "--unsigned",
            action="store_true",
            help="write an unsigned archive when BACKUP_SIGNING_KEY is not set (a restore "
            "then needs --accept-unsigned)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if path.suffix.lower() != ".zip":
            raise CommandError(f"{path}: the archive's name must end in .zip", returncode=2)
        key = settings.BACKUP_SIGNING_KEY
        if not key and not options["unsigned"]:
            raise CommandError(
                "BACKUP_SIGNING_KEY is not set: the archive is signed with it, so that a "
                "restore can tell nobody changed it (docs/configuration.md). Set it, or give "
                "--unsigned to write an archive a restore accepts only with --accept-unsigned.",
                returncode=2,
            )
        progress = Progress("backup", self.stderr, enabled=options["verbosity"] > 0)
        try:
            summary = make_backup(
                path, signing_key=key, overwrite=options["overwrite"], progress=progress
            )
        except BackupRefused as exc:
            raise CommandError(str(exc), returncode=2) from exc
        finally:
            progress.finish()
        self.stdout.write(f"Wrote {summary}.")
