"""Write a stored criteria-set version as YAML (its stored text) or as an Excel workbook."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext

from egovrank.criteria.files import FORMATS, export_version
from egovrank.criteria.models import CriteriaVersion


class Command(BaseCommand):
    help = (
        "Write the version SET_ID as YAML (to standard output, or --output) or as an Excel "
        "workbook (--format xlsx --output FILE); import_criteria reads either back."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("set_id", help="the version's identifier, e.g. hungyen-2018-khoi01")
        parser.add_argument(
            "--format",
            choices=sorted(FORMATS),
            help="yaml or xlsx; by default from the --output suffix, else yaml",
        )
        parser.add_argument("--output", help="the file to write; standard output if left out")

    def handle(self, *args: Any, **options: Any) -> None:
        version = CriteriaVersion.objects.filter(set_id=options["set_id"]).first()
        if version is None:
            raise CommandError(
                gettext("There is no version %(set_id)s.") % {"set_id": options["set_id"]}
            )
        output = Path(options["output"]) if options["output"] else None
        fmt = options["format"] or (
            "xlsx" if output is not None and output.suffix.lower() == ".xlsx" else "yaml"
        )
        content = export_version(version, fmt)
        if output is None:
            if fmt != "yaml":
                raise CommandError(gettext("An Excel workbook needs --output FILE."))
            self.stdout.write(content.decode("utf-8"), ending="")
            return
        try:
            output.write_bytes(content)
        except OSError as exc:
            raise CommandError(f"{output}: {exc.strerror}") from exc
        self.stdout.write(
            gettext("Wrote %(set_id)s to %(file)s.") % {"set_id": version.set_id, "file": output}
        )
