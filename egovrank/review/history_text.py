"""How the review's events read in the form's history (core/history.py), translated when
shown; the events store codes and numbers only."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from egovrank.assessments.history_text import answer_value, number_text
from egovrank.core.history import describer
from egovrank.scoring.numbers import format_number

__all__: list[str] = []


def _with_reason(text: str, data: dict[str, Any]) -> str:
    reason = (data.get("reason") or "").strip()
    return f"{text} ({reason})" if reason else text


@describer("review.started")
def _started(data: dict[str, Any]) -> str:
    return _("Review started")


@describer("review.resumed")
def _resumed(data: dict[str, Any]) -> str:
    return _("The revision deadline passed without resubmission: reviewed as it stands")


@describer("review.accepted")
def _accepted(data: dict[str, Any]) -> str:
    return _("%(code)s: accepted") % {"code": data["code"]}


@describer("review.adjusted")
def _adjusted(data: dict[str, Any]) -> str:
    text = _("%(code)s: %(before)s → %(after)s") % {
        "code": data["code"],
        "before": answer_value(data.get("unit_answer"), bool(data.get("unit_not_applicable"))),
        "after": answer_value(
            data.get("verified_answer"), bool(data.get("verified_not_applicable"))
        ),
    }
    return _with_reason(text, data)


@describer("review.cleared")
def _cleared(data: dict[str, Any]) -> str:
    return _("%(code)s: verdict cleared") % {"code": data["code"]}


@describer("assessment.returned")
def _returned(data: dict[str, Any]) -> str:
    deadline = parse_datetime(data["deadline"])
    if deadline is None:
        raise ValueError(data["deadline"])
    return _("Returned for revision until %(deadline)s") % {
        "deadline": date_format(localtime(deadline), "SHORT_DATETIME_FORMAT")
    }


@describer("assessment.approved")
def _approved(data: dict[str, Any]) -> str:
    values = {
        "points": number_text(data["verified_points"]),
        "max": number_text(data["max_points"]),
    }
    text = _("Approved: %(points)s of %(max)s points") % values
    language = get_language() or "vi"
    details = []
    if data.get("percent"):
        percent = str(data["percent"])
        places = len(percent.partition(".")[2])  # the set's places, as scored
        details.append(format_number(Decimal(percent), language, places=places) + "%")
    # Events recorded before the level's names were kept show no level (its code is
    # not for people).
    level = (data.get("level_names") or {}).get(language[:2])
    if level:
        details.append(level)
    return f"{text} ({', '.join(details)})" if details else text


@describer("review.reopened")
def _reopened(data: dict[str, Any]) -> str:
    return _with_reason(_("Review re-opened"), data)


@describer("assessment.not_submitted")
def _not_submitted(data: dict[str, Any]) -> str:
    return _with_reason(_("Closed as not submitted"), data)


@describer("review.forwarded")
def _forwarded(data: dict[str, Any]) -> str:
    return _("The district's results forwarded to the province")


@describer("review.sent_back")
def _sent_back(data: dict[str, Any]) -> str:
    return _with_reason(_("The district's results sent back"), data)
