"""Write every unit to a .csv or .xlsx file that import_units reads back unchanged."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext

from egovrank.orgs.models import Unit
from egovrank.orgs.unitfile import units_to_csv, units_to_xlsx

WRITERS = {".csv": units_to_csv, ".xlsx": units_to_xlsx}


class Command(BaseCommand):
    help = "Write all units to FILE.csv (UTF-8 with BOM) or FILE.xlsx."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="where to write: a .csv or .xlsx path")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        writer = WRITERS.get(path.suffix.lower())
        if writer is None:
            message = gettext("%(file)s: the file name must end in .csv or .xlsx")
            raise CommandError(message % {"file": path})
        units = list(Unit.objects.select_related("block", "parent").in_list_order())
        try:
            path.write_bytes(writer(units))
        except OSError as exc:
            raise CommandError(f"{path}: {exc.strerror}") from exc
        message = gettext("Wrote %(count)d units to %(file)s.")
        self.stdout.write(message % {"count": len(units), "file": path})
