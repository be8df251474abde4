"""The scoring core's messages in the reader's language (core/said.py)."""

from decimal import Decimal

from django.utils import translation

from egovrank.core.said import said
from egovrank.scoring.text import Text

MAXIMA = "the children's maxima add up to %(reachable)s, less than this maximum %(maximum)s"


def test_a_message_is_translated_with_its_numbers_written_the_readers_way():
    text = Text(MAXIMA, reachable=Decimal("48.5"), maximum=Decimal(50))
    with translation.override("vi"):
        assert said(text) == (
            "tổng điểm tối đa của các mục con là 48,5, nhỏ hơn điểm tối đa 50 của mục này"
        )
    with translation.override("en"):
        assert said(text) == str(text)


def test_a_word_given_as_a_parameter_is_translated_too():
    text = Text("must not be negative (%(unit)s)", unit=Text("a count"))
    with translation.override("vi"):
        assert said(text) == "không được âm (một số lượng)"


def test_any_other_message_is_shown_as_it_is():
    with translation.override("vi"):
        assert said("a plain message") == "a plain message"
