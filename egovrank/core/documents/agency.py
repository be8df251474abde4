"""Who issues the documents, as far as the system knows: the province (the setting
``PROVINCE_NAME``) and its lead agency for the evaluation. Kept in one place so the
lead agency can come from data once it is configurable."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.utils.translation import gettext as _

from .model import BLANK

__all__ = ["lead_agency", "place_date", "provincial_committee", "province_name"]


def province_name() -> str:
    return str(settings.PROVINCE_NAME)


def provincial_committee() -> str:
    """The province's People's Committee, the lead agency's managing agency."""
    return _("%(province)s Provincial People's Committee") % {"province": province_name()}


def lead_agency() -> str:
    """The agency that runs the evaluation and announces its results."""
    return _("Department of Information and Communications")


def place_date(when: date | None, *, year: int | None = None) -> str:
    """ "Hưng Yên, ngày 20 tháng 3 năm 2020"; without a date, blanks for the official
    to fill in (the year, when known, printed)."""
    if when is None:
        return _("%(place)s, day %(day)s month %(month)s year %(year)s") % {
            "place": province_name(),
            "day": BLANK,
            "month": BLANK,
            "year": year if year is not None else BLANK,
        }
    return _("%(place)s, day %(day)s month %(month)s year %(year)s") % {
        "place": province_name(),
        # Decree 30: days below 10 and the months January and February take a 0.
        "day": f"{when.day:02d}",
        "month": f"{when.month:02d}" if when.month < 3 else str(when.month),
        "year": when.year,
    }
