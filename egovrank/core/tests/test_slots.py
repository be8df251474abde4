"""A slot answers with the function a higher app plugged in, and says so when none did."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from egovrank.core.slots import Slot


def test_a_slot_calls_the_function_plugged_in():
    double: Slot[[int], int] = Slot("twice a number")
    double.plug(lambda number: 2 * number)
    assert double(21) == 42


def test_an_empty_slot_names_what_is_missing():
    double: Slot[[int], int] = Slot("twice a number")
    with pytest.raises(ImproperlyConfigured, match="Nothing provides twice a number"):
        double(21)


def test_a_slot_takes_one_provider():
    def twice(number: int) -> int:
        return 2 * number

    double: Slot[[int], int] = Slot("twice a number")
    double.plug(twice)
    double.plug(twice)  # the same provider again (start-up run twice) changes nothing
    with pytest.raises(ImproperlyConfigured, match="already provided"):
        double.plug(lambda number: number + number)
