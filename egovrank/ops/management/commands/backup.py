"""Write one archive with every table's rows, every evidence file and their checksums."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from egovrank.core.progress import Progress
from egovrank.ops.backup import BackupRefused, make_backup


class Command(BaseCommand):
    help = (
        "Write FILE (a .zip): every table's rows, every evidence file, and a manifest with "
        "the SHA-256 of each, the app version and the migrations applied; `restore` reads it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the archive to write, e.g. egovrank-2025-01-31.zip")
        parser.add_argument(
            "--overwrite", action="store_true", help="replace FILE if it exists already"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if path.suffix.lower() != ".zip":
            raise CommandError(f"{path}: the archive's name must end in .zip", returncode=2)
        progress = Progress("backup", self.stderr, enabled=options["verbosity"] > 0)
        try:
            summary = make_backup(path, overwrite=options["overwrite"], progress=progress)
        except BackupRefused as exc:
            raise CommandError(str(exc), returncode=2) from exc
        finally:
            progress.finish()
        self.stdout.write(f"Wrote {summary}.")
