"""Remind units whose self-assessment (or returned form) is due soon. Run it from cron,
e.g. every hour (docs/notifications.md)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext, ngettext

from egovrank.assessments.reminders import DEFAULT_DAYS, Reminder, send_deadline_reminders
from egovrank.notifications.notify import moment


def parse_days(values: list[str] | None) -> list[int]:
    """``--days 7 --days 3,1`` → [7, 3, 1]; the defaults when none is given."""
    if not values:
        return list(DEFAULT_DAYS)
    days = []
    for value in values:
        for part in value.split(","):
            try:
                number = int(part.strip())
            except ValueError:
                number = 0
            if number < 1:
                message = gettext("--days: %(value)s is not a whole number of days (1 or more)")
                raise CommandError(message % {"value": part.strip() or value})
            days.append(number)
    return days


class Command(BaseCommand):
    help = (
        "Send a notice and an e-mail to each unit whose form is due within N days and has "
        "not been reminded at that step; --dry-run lists them and sends nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days",
            action="append",
            metavar="N",
            help="remind this many days before a deadline; repeat or give a comma list "
            f"(default {','.join(map(str, DEFAULT_DAYS))})",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="list the reminders due, send nothing"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        days = parse_days(options["days"])
        result = send_deadline_reminders(days, dry_run=options["dry_run"])
        for reminder in result.sent:
            self.stdout.write(f"  {_line(reminder)}")
        for reminder in result.nobody_to_tell:
            message = gettext("%(reminder)s: nobody in the unit has an account to tell")
            self.stderr.write(f"  {message % {'reminder': _line(reminder)}}")
        if result.dry_run:
            summary = ngettext(
                "Dry run: %(count)d reminder would be sent; nothing was sent.",
                "Dry run: %(count)d reminders would be sent; nothing was sent.",
                len(result.sent),
            )
        else:
            summary = ngettext(
                "Sent %(count)d reminder (%(notices)d notices).",
                "Sent %(count)d reminders (%(notices)d notices).",
                len(result.sent),
            )
        self.stdout.write(summary % {"count": len(result.sent), "notices": result.notice_count})


def _line(reminder: Reminder) -> str:
    participant = reminder.participant
    message = gettext("%(year)s %(code)s %(unit)s: due %(deadline)s, %(days)d-day reminder")
    return message % {
        "year": participant.period.year,
        "code": participant.unit_code,
        "unit": participant.unit_name,
        "deadline": moment(reminder.deadline),
        "days": reminder.days_before,
    }
