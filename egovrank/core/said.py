"""The scoring core's messages in the reader's language.

The core is pure Python: a message it means to be translated is a
``scoring.fileformat.problems.Text``, English with its template and parameters. Here the
template goes through the catalogue and the numbers are written the reader's way; any
other message is shown as it is."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import get_language, gettext

from egovrank.scoring.numbers import format_number
from egovrank.scoring.text import Text

__all__ = ["said"]


def said(message: object) -> str:
    if not isinstance(message, Text):
        return str(message)
    language = get_language() or "vi"
    params = {name: _param(value, language) for name, value in message.params.items()}
    return gettext(message.template) % params if params else gettext(message.template)


def _param(value: object, language: str) -> object:
    if isinstance(value, Text):  # a word of the message, itself translated
        return said(value)
    if isinstance(value, Decimal):
        return format_number(value, language)
    return value
