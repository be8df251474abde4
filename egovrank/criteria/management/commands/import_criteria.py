"""Import a criteria-set version from a .yaml or .xlsx file: all of it or nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext

from egovrank.criteria.actions import VersionRefused, do_import_version
from egovrank.criteria.versions import criteria_set_of
from egovrank.scoring.fileformat.problems import CriteriaFileError


class Command(BaseCommand):
    help = "Store a new criteria-set version from FILE (.yaml, .yml or .xlsx); --dry-run saves nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the criteria set, .yaml (UTF-8) or .xlsx")
        parser.add_argument(
            "--dry-run", action="store_true", help="check the file, but save nothing"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            content = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"{path}: {exc.strerror}") from exc
        try:
            version = do_import_version(path.name, content, actor=None, dry_run=options["dry_run"])
        except CriteriaFileError as exc:  # its message lists every problem with its place
            raise CommandError(str(exc)) from exc
        except VersionRefused as exc:
            raise CommandError(f"{path.name}: {exc}") from exc
        criteria_set = criteria_set_of(version)
        summary = {
            "set_id": version.set_id,
            "title": version.title,
            "criteria": sum(1 for leaf in criteria_set.leaves() if leaf.carries_points),
            "total": criteria_set.max_total,
        }
        if options["dry_run"]:
            message = gettext(
                "Dry run: %(set_id)s (%(title)s, %(criteria)d criteria, maximum total "
                "%(total)s) can be imported; nothing was saved."
            )
        else:
            message = gettext(
                "Imported %(set_id)s (%(title)s): %(criteria)d criteria, maximum total %(total)s."
            )
        self.stdout.write(message % summary)
