"""Load the Hưng Yên demo. Safe to run again.

It loads the blocks, the province and the 2019 units, creates one account per role with the
password published in the README, opens the 2019 period with answers for most units and
the review under way, and publishes the 2017 and 2018 results so the public pages have
years to show and compare. Then the merged Hưng Yên of 2025: the shipped registry and
successor links, the 2025 period published on the DTI sets and the 2026 period open.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.test.utils import override_settings
from django.utils import timezone

from egovrank.criteria.queries import all_version_summaries
from egovrank.demo.hungyen import (
    DEMO_ACCOUNTS,
    DEMO_PASSWORD,
    DEMO_YEAR,
    load_demo,
    load_demo_period,
    load_demo_published_years,
)
from egovrank.demo.hungyen2025 import DEMO_ACCOUNTS_2025, load_demo_2025
from egovrank.orgs.models import Unit, UnitSuccession
from egovrank.review.demo import load_demo_reviews
from egovrank.scoring.catalogue import packaged_set_ids
from egovrank.scoring.fileformat.problems import CriteriaFileError


class Command(BaseCommand):
    help = "Load the Hưng Yên demo data (idempotent); --accounts lists the demo sign-ins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--accounts", action="store_true", help="only print the demo accounts and exit"
        )
        parser.add_argument(
            "--demo-installation",
            action="store_true",
            help="confirm that this installation is a demo (needed when DEBUG is off), "
            "since the demo accounts have published passwords",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["accounts"]:
            self.print_accounts()
            return
        if not settings.DEBUG and not options["demo_installation"]:
            raise CommandError(
                "seed_demo creates accounts whose passwords are published in the README. "
                "Run it on a demo installation only: with DEBUG=1, or pass --demo-installation."
            )
        report = load_demo()
        if report is None:
            self.stdout.write("  Units: the 2019 list is in, and the 2025 registry after it")
        else:
            self.stdout.write(
                f"  Units: {len(report.created)} new, {len(report.updated)} changed, "
                f"{len(report.unchanged)} unchanged"
            )
        try:
            period = load_demo_period()
        except CriteriaFileError as exc:  # a broken shipped set must stop the demo loudly
            raise CommandError(str(exc)) from exc
        # The demo reviews leave their notices in the app but send no mail: nobody
        # should find a pile of demo e-mails in the console before the server starts.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            reviews = load_demo_reviews(DEMO_YEAR, "thamdinh.tinh", "thamdinh.vanlam")
            published = load_demo_published_years()
            imported, published_2025, open_2026 = load_demo_2025()
        accounts = len(DEMO_ACCOUNTS) + len(DEMO_ACCOUNTS_2025)
        self.stdout.write(f"  Demo accounts: {accounts} (password reset to the demo one)")
        if imported:
            self.stdout.write(
                f"  Units of the merged Hưng Yên (2025): "
                f"{Unit.objects.filter(valid_from=2025).count()} new units, "
                f"{UnitSuccession.objects.filter(year__gte=2024).count()} successor links"
            )
        shipped = set(packaged_set_ids())
        for summary in all_version_summaries():
            if summary.id in shipped:
                self.stdout.write(
                    f"  {summary.block_code}: {summary.title} — "
                    f"{summary.group_count} groups, {summary.criterion_count} criteria, "
                    f"max {summary.max_total}"
                )
        self.stdout.write(
            f"  Period {period.year} open for self-assessment: {period.participants} units — "
            f"{period.submitted} submitted, {period.drafts} drafts, "
            f"{period.not_started} not started"
        )
        self.stdout.write(
            f"  Review: {reviews.approved} approved, {reviews.returned} returned for revision, "
            f"{reviews.in_review} in review"
        )
        for year in [*published, published_2025]:
            levels = ", ".join(f"{name} {count}" for name, count in year.levels)
            self.stdout.write(
                f"  Period {year.year} published (decision {year.decision_number} of "
                f"{year.decision_date:%d/%m/%Y}): {year.units} units — "
                f"{levels + '; ' if levels else 'ranked, no levels; '}"
                f"{year.not_submitted} not submitted"
            )
        deadline = timezone.localtime(open_2026.deadline)
        self.stdout.write(
            f"  Period {open_2026.year} open for self-assessment until {deadline:%d/%m/%Y %H:%M}: "
            f"{open_2026.participants} units — {open_2026.submitted} submitted, "
            f"{open_2026.drafts} drafts, {open_2026.not_started} not started"
        )

    def print_accounts(self) -> None:
        self.stdout.write(f"  Demo accounts (password for each: {DEMO_PASSWORD}):")
        for account in [*DEMO_ACCOUNTS, *DEMO_ACCOUNTS_2025]:
            bound = f" — {account.unit_name} ({account.unit})" if account.unit else ""
            self.stdout.write(f"    {account.username:<16} {account.role.label}{bound}")
