from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from egovrank.scoring.numbers import (
    NumberFormatError,
    divide_half_up,
    format_number,
    format_percent,
    parse_decimal,
    percent_of,
    points,
    round_half_up,
)


def test_rounding_is_half_up_not_bankers():
    assert round_half_up(Decimal("0.125")) == Decimal("0.13")
    assert round_half_up(Decimal("0.135")) == Decimal("0.14")
    assert round_half_up(Decimal("2.675")) == Decimal("2.68")


def test_division_rounds_the_exact_quotient_half_up():
    assert divide_half_up(Decimal(1), Decimal(3)) == Decimal("0.33")
    assert divide_half_up(Decimal(2), Decimal(3)) == Decimal("0.67")
    assert divide_half_up(Decimal(1), Decimal(8)) == Decimal("0.13")  # 0.125 exactly


@given(
    st.integers(min_value=0, max_value=10**9),
    st.integers(min_value=1, max_value=10**9),
)
def test_division_equals_rounding_the_rational_quotient(numerator, denominator):
    exact = Fraction(numerator, denominator)
    expected = Decimal((exact * 100 + Fraction(1, 2)).__floor__()).scaleb(-2)
    assert divide_half_up(Decimal(numerator), Decimal(denominator)) == expected


def test_points_refuse_more_than_two_places():
    assert points("410.5") == Decimal("410.5")
    assert points("7.500") == Decimal("7.5")
    with pytest.raises(NumberFormatError):
        points("7.505")


def test_percent_of_a_share_rounds_half_up_to_two_places():
    assert percent_of(Fraction(413, 500)) == Decimal("82.60")
    assert percent_of(Fraction(25499, 30000)) == Decimal("85.00")  # 84.9966…% shows as 85,00%
    assert percent_of(Fraction(1, 3)) == Decimal("33.33")
    assert percent_of(Fraction(2, 3)) == Decimal("66.67")


def test_vietnamese_formatting_uses_comma_decimals_and_dot_thousands():
    assert format_number(Decimal("410.50")) == "410,5"
    assert format_number(Decimal("1234.5")) == "1.234,5"
    assert format_number(Decimal("1234567")) == "1.234.567"
    assert format_number(Decimal("500.00")) == "500"
    assert format_percent(Fraction(413, 500)) == "82,60%"


def test_english_formatting_uses_dot_decimals():
    assert format_number(Decimal("1234.5"), "en") == "1,234.5"
    assert format_percent(Fraction(413, 500), "en") == "82.60%"


@pytest.mark.parametrize(
    ("text", "value"),
    [("7", "7"), ("7.5", "7.5"), ("7,5", "7.5"), (" 12 ", "12"), ("-2", "-2"), ("0,25", "0.25")],
)
def test_it_reads_numbers_typed_either_way(text, value):
    assert parse_decimal(text) == Decimal(value)


@pytest.mark.parametrize("text", ["", "abc", "1.234,5", "1,234.5", "1.2.3", "1e5", ".", "NaN"])
def test_it_refuses_ambiguous_or_non_numbers(text):
    with pytest.raises(NumberFormatError):
        parse_decimal(text)
