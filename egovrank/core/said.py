"""The scoring core's messages in the reader's language.

The core is pure Python: a message it means to be translated is a
``scoring.fileformat.problems.Text``, English with its template and parameters. Here the
template goes through the catalogue and the numbers are written the reader's way; any
other message is shown as it is."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import get_language, gettext

from egovrank.scoring.fileformat.problems import Text
from egovrank.scoring.numbers import format_number

__all__ = ["said"]


def said(message: object) -> str:
    if not isinstance(message, Text):
        return str(message)
    language = get_language() or "vi"
    params = {
        name: format_number(value, language) if isinstance(value, Decimal) else value
        for name, value in message.params.items()
    }
    return gettext(message.template) % params if params else gettext(message.template)
