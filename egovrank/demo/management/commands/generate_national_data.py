"""Fill the database with the national-scale synthetic data of the scoring benchmark:
12,000 units in one period, every form reviewed, the results finalised and published
(``egovrank.demo.national``). For benchmarks and load tests, never for a real
installation: it refuses when DEBUG is off unless told ``--force``.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from egovrank.core.progress import Progress
from egovrank.demo.national import (
    DEFAULT_SEED,
    DEFAULT_UNITS,
    DEFAULT_YEAR,
    NationalRefused,
    generate,
)


class Command(BaseCommand):
    help = (
        "Generate a published period of synthetic units at national scale (12,000 by "
        "default: 160 departments, 1,840 districts, 10,000 communes), for benchmarks."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--units",
            type=int,
            default=DEFAULT_UNITS,
            help="units in all, spread over the three blocks in the national proportions "
            "(default %(default)s)",
        )
        parser.add_argument(
            "--year",
            type=int,
            default=DEFAULT_YEAR,
            help="the year of the synthetic period; refused if that year has a period "
            "(default %(default)s)",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help="the same seed gives the same answers and ranks (default %(default)s)",
        )
        parser.add_argument(
            "--user",
            metavar="USERNAME",
            help="the person the history names as reviewer and publisher (default: an "
            "account that cannot sign in, made for the purpose)",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="run even though DEBUG is off: the database fills with fake units",
        )
        parser.add_argument("--quiet", action="store_true", help="no progress on stderr")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "generate_national_data fills the database with thousands of fake units "
                "and publishes their results. Run it on a throw-away database: with "
                "DEBUG=1, or pass --force.",
                returncode=2,
            )
        progress = Progress("generate-national-data", self.stderr, enabled=not options["quiet"])
        try:
            report = generate(
                year=options["year"],
                units=options["units"],
                seed=options["seed"],
                username=options["user"],
                progress=progress,
            )
        except NationalRefused as exc:
            raise CommandError(str(exc), returncode=2) from exc
        publication = report.publication
        self.stdout.write(
            f"Period {report.year} published (decision {publication.decision_number} of "
            f"{publication.decision_date:%d/%m/%Y}): {sum(report.units.values()):,} units, "
            f"{report.answers:,} answers, {report.adjusted:,} criteria adjusted by the "
            f"review, {report.not_submitted:,} units closed as not submitted."
        )
        for code, size in report.units.items():
            levels = ", ".join(f"{name} {count:,}" for name, count in report.levels[code].items())
            self.stdout.write(f"  {code}: {size:,} units — {levels}")
        stages = ", ".join(f"{stage} {seconds:.1f} s" for stage, seconds in report.seconds.items())
        self.stdout.write(f"  Time: {sum(report.seconds.values()):.1f} s ({stages})")
