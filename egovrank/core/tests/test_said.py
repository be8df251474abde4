"""The scoring core's messages in the reader's language (core/said.py)."""

from decimal import Decimal

from django.utils import translation

from egovrank.core.said import said
from egovrank.scoring.answers import AnswerError, Points
from egovrank.scoring.fileformat.problems import at_line, at_row
from egovrank.scoring.levels import Level, LevelScale
from egovrank.scoring.numbers import NumberFormatError, parse_decimal
from egovrank.scoring.rules.base import parse_ratio
from egovrank.scoring.rules.count import CountRule
from egovrank.scoring.rules.manual import ManualRule
from egovrank.scoring.rules.yes_no import YesNoRule
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


def refusal(call) -> str:
    """The message of the core's refusal, said in Vietnamese."""
    try:
        call()
    except (AnswerError, NumberFormatError) as error:
        message = error.message if isinstance(error, AnswerError) else error.args[0]
        with translation.override("vi"):
            return said(message)
    raise AssertionError("the core accepted it")


def test_a_refused_answer_is_said_in_vietnamese_with_a_decimal_comma():
    maximum = Decimal("10.5")
    too_many = [Points(Decimal("12.25"))]
    assert refusal(lambda: ManualRule().score_many("C", too_many, maximum)) == (
        "điểm phải từ 0 đến 10,5"
    )
    assert refusal(
        lambda: ManualRule(step=Decimal("0.5")).score_many("C", [Points(Decimal("1.25"))], maximum)
    ) == ("điểm phải là bội số của 0,5")


def test_a_figure_that_cannot_be_read_is_named_in_vietnamese():
    assert refusal(lambda: CountRule().parse("C", "mười")) == "số lượng: 'mười' không phải là số"
    assert refusal(lambda: parse_ratio("C", "12")) == "cần hai số liệu dạng A/B, nhận được '12'"
    assert refusal(lambda: parse_decimal("1.234,5")) == (
        "'1.234,5': chỉ dùng tối đa một dấu thập phân và không dùng dấu phân cách hàng nghìn"
    )
    assert refusal(lambda: YesNoRule().parse("C", "maybe")) == (
        "cần trả lời có hoặc không, nhận được 'maybe'"
    )


def test_the_levels_checks_are_said_in_vietnamese():
    scale = LevelScale(
        (Level("a", "A", Decimal(50)), Level("a", "B", Decimal(60)), Level("c", "C", Decimal(5)))
    )
    with translation.override("vi"):
        problems = [(field, said(message)) for field, message in scale.validate()]
    assert problems == [
        ("levels.1.code", "mức xếp loại 'a' bị trùng"),
        ("levels.1.min_percent", "các mức xếp loại phải đi từ cao xuống thấp"),
        ("levels.2.min_percent", "mức thấp nhất phải bắt đầu từ 0"),
    ]


def test_a_place_in_a_file_is_said_in_vietnamese():
    with translation.override("vi"):
        assert said(at_line("k01.yaml", 12)) == "k01.yaml, dòng 12"
        assert said(at_row("f.csv", 3, "value")) == "f.csv, dòng 3, cột value"
    assert at_line("k01.yaml", 12) == "k01.yaml, line 12"  # the command line's English
