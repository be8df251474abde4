"""Create a year's period from the units valid that year and open it, through the same
actions as the period pages (each step recorded in the history)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from egovrank.periods.opening import (
    OpeningRefused,
    SetUpIncomplete,
    open_as_planned,
    plan_opening,
)


class Command(BaseCommand):
    help = (
        "Create the period YEAR with every unit valid that year that belongs to a block, "
        "the criteria-set version of each block (--criteria BLOCK=SET_ID) and the deadlines, "
        "and open it for self-assessment (--draft leaves it as a draft)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("year", type=int, help="the year evaluated, e.g. 2019")
        parser.add_argument(
            "--criteria",
            action="append",
            default=[],
            metavar="BLOCK=SET_ID",
            help="the criteria-set version a block uses, e.g. KHOI01=hungyen-2018-khoi01; "
            "once per block that has units",
        )
        parser.add_argument(
            "--deadline",
            metavar="DAY",
            help="the self-assessment deadline, Vietnam time: 2019-12-31 (the end of that "
            "day) or 2019-12-31 17:00; needed unless --draft",
        )
        parser.add_argument("--review-deadline", metavar="DAY", help="the review deadline")
        parser.add_argument("--revision-deadline", metavar="DAY", help="the revision deadline")
        parser.add_argument(
            "--title",
            help="as on the announcing documents (default: Đánh giá, xếp hạng mức độ Chính "
            "quyền điện tử năm YEAR)",
        )
        parser.add_argument(
            "--draft", action="store_true", help="set the period up but leave it as a draft"
        )
        parser.add_argument(
            "--user",
            metavar="USERNAME",
            help="the person the history names as having done it (default: none)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            opening = plan_opening(
                options["year"],
                criteria=options["criteria"],
                deadline=options["deadline"],
                review_deadline=options["review_deadline"],
                revision_deadline=options["revision_deadline"],
                title=options["title"],
                draft=options["draft"],
                username=options["user"],
            )
        except OpeningRefused as refused:
            raise CommandError(str(refused), returncode=2) from None
        try:
            opened = open_as_planned(opening)
        except SetUpIncomplete as incomplete:
            raise CommandError(str(incomplete)) from incomplete
        self.stdout.write(str(opened))
