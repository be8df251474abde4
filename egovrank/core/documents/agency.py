"""Who issues the documents, as far as the system knows: the province (the setting
``PROVINCE_NAME``) and its lead agency for the evaluation of a year (the installation's
data, ``egovrank.core.lead_agency``)."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.utils.translation import gettext as _

from egovrank.core import lead_agency as agencies

from .model import BLANK

__all__ = ["lead_agency", "place_date", "provincial_committee", "province_name"]


def province_name() -> str:
    return str(settings.PROVINCE_NAME)


def provincial_committee() -> str:
    """The province's People's Committee, the lead agency's managing agency."""
    return _("%(province)s Provincial People's Committee") % {"province": province_name()}


def lead_agency(year: int) -> str:
    """The full name of the agency that runs the evaluation of ``year`` and announces
    its results (Sở Thông tin và Truyền thông until 2024 in Hưng Yên, Sở Khoa học và Công
    nghệ from 2025)."""
    return agencies.lead_agency(year).name


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
