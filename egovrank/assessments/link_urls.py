"""The address of a document a link points to: one check for the page and the API."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

__all__ = ["LINK_URL_MAX_LENGTH", "validate_link_url"]

LINK_URL_MAX_LENGTH = 1000

# Absolute http(s) addresses only: the reviewer's browser opens them, so no
# "javascript:" or "data:", no "//host" that takes whatever scheme the page has, no
# "file:" or "ftp:" that a browser would hand to another program. Nothing is added or
# guessed: what is kept is what the unit typed.
_absolute_http = URLValidator(schemes=["http", "https"])


def validate_link_url(value: str) -> None:
    try:
        _absolute_http(value)
    except ValidationError:
        raise ValidationError(
            _("Enter the full address, beginning with https:// or http://."), code="invalid"
        ) from None
