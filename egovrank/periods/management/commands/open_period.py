"""Create a year's period from the units valid that year and open it, through the same
actions as the period pages (each step recorded in the history)."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, time
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from egovrank.criteria.models import CriteriaVersion
from egovrank.orgs.choices import UnitKind
from egovrank.orgs.models import Block, Unit
from egovrank.periods.actions import (
    PeriodRefused,
    do_add_participants,
    do_change_state,
    do_create_period,
    do_set_block_version,
)
from egovrank.periods.choices import PeriodState
from egovrank.periods.models import Period

# A deadline given as a day alone ends with that day (Vietnam time).
END_OF_DAY = time(23, 59)
MOMENT_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M")
DAY_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")


def parse_moment(text: str, option: str) -> datetime:
    """``2019-12-31``, ``31/12/2019``, ``2019-12-31 17:00`` or ``31/12/2019 17:00`` in
    Vietnam time (the site's TIME_ZONE), as an aware moment."""
    text = " ".join(text.split())
    zone = timezone.get_default_timezone()
    for fmt in MOMENT_FORMATS:
        try:
            return datetime.strptime(text, fmt).replace(tzinfo=zone)
        except ValueError:
            pass
    for fmt in DAY_FORMATS:
        try:
            day = datetime.strptime(text, fmt).replace(tzinfo=zone)
        except ValueError:
            continue
        return datetime.combine(day.date(), END_OF_DAY, tzinfo=zone)
    raise CommandError(
        f"{option}: {text!r} is not a day or a moment (2019-12-31, 31/12/2019, "
        f"2019-12-31 17:00 or 31/12/2019 17:00, Vietnam time)",
        returncode=2,
    )


def _local(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%d/%m/%Y %H:%M")


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
        year = options["year"]
        plan = self.plan(options)
        period = do_create_period(
            year,
            plan["title"],
            actor=plan["actor"],
            self_assessment_deadline=plan["deadline"],
            review_deadline=plan["review_deadline"],
            revision_deadline=plan["revision_deadline"],
        )
        try:
            for block, version in plan["versions"]:
                do_set_block_version(period, block, version, actor=plan["actor"])
            added = do_add_participants(period, plan["units"], actor=plan["actor"])
            if not options["draft"]:
                period = do_change_state(period, PeriodState.SELF_ASSESSMENT, actor=plan["actor"])
        except PeriodRefused as exc:
            raise CommandError(
                f"The {year} period was created as a draft but could not be set up: {exc} "
                "Finish it on the period's page."
            ) from exc
        codes = {block.pk: block.code for block, _version in plan["versions"]}
        per_block = Counter(codes.get(p.block_id, str(p.block_id)) for p in added)
        counts = ", ".join(f"{code} {count}" for code, count in sorted(per_block.items()))
        state = "a draft" if options["draft"] else "open for self-assessment"
        deadline = (
            f", self-assessment deadline {_local(plan['deadline'])} (Vietnam time)"
            if plan["deadline"]
            else ""
        )
        self.stdout.write(
            f"Period {year} ({period.title}) is {state}: {len(added)} units ({counts}){deadline}."
        )

    def plan(self, options: dict[str, Any]) -> dict[str, Any]:
        """Everything the actions will need, checked before anything is written."""
        year = options["year"]

        def refuse(message: str) -> CommandError:
            return CommandError(message, returncode=2)

        if not 2000 <= year <= 2100:
            raise refuse(f"{year} is not a year this system evaluates (2000–2100).")
        if Period.objects.filter(year=year).exists():
            raise refuse(f"A period for {year} already exists.")
        actor = None
        if options["user"]:
            actor = get_user_model().objects.filter(username=options["user"]).first()
            if actor is None:
                raise refuse(f"--user: nobody has the user name {options['user']!r}.")
        if not Unit.objects.filter(kind=UnitKind.PROVINCE).exists():
            raise refuse("The province itself is not in the list of units: import it first.")
        blocks = {block.code: block for block in Block.objects.all()}
        chosen: dict[str, tuple[Block, CriteriaVersion]] = {}
        for item in options["criteria"]:
            code, sep, set_id = (part.strip() for part in item.partition("="))
            if not sep or not code or not set_id:
                raise refuse(
                    f"--criteria {item!r}: write BLOCK=SET_ID, e.g. KHOI01=hungyen-2018-khoi01"
                )
            if code not in blocks:
                raise refuse(
                    f"--criteria {item}: no block {code} (blocks: {', '.join(sorted(blocks))})"
                )
            if code in chosen:
                raise refuse(f"--criteria: block {code} is given twice")
            version = CriteriaVersion.objects.filter(set_id=set_id).first()
            if version is None:
                raise refuse(f"--criteria {item}: there is no criteria-set version {set_id}")
            if version.block_code and version.block_code != code:
                raise refuse(
                    f"--criteria {item}: {set_id} is a criteria set for block {version.block_code}"
                )
            chosen[code] = (blocks[code], version)
        units = list(
            Unit.objects.valid_in(year)
            .filter(block__isnull=False)
            .select_related("parent", "block")
            .order_by("code")
        )
        if not units:
            raise refuse(f"No unit of a block is valid in {year}: import the units first.")
        missing = sorted({unit.block.code for unit in units if unit.block} - set(chosen))
        if missing:
            raise refuse(
                "Choose the criteria-set version of each block with units: --criteria "
                + " --criteria ".join(f"{code}=SET_ID" for code in missing)
            )
        deadline = review = revision = None
        if options["deadline"]:
            deadline = parse_moment(options["deadline"], "--deadline")
        elif not options["draft"]:
            raise refuse("--deadline is needed to open the period (or give --draft).")
        if options["review_deadline"]:
            review = parse_moment(options["review_deadline"], "--review-deadline")
        if options["revision_deadline"]:
            revision = parse_moment(options["revision_deadline"], "--revision-deadline")
        title = options["title"] or f"Đánh giá, xếp hạng mức độ Chính quyền điện tử năm {year}"
        if not title.strip() or len(title) > 300:
            raise refuse("--title: give a title of at most 300 characters.")
        return {
            "actor": actor,
            "title": title.strip(),
            "versions": [chosen[code] for code in sorted(chosen)],
            "units": units,
            "deadline": deadline,
            "review_deadline": review,
            "revision_deadline": revision,
        }
