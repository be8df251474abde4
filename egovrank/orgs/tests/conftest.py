"""Fixtures the unit-file tests share."""

import pytest
from django.utils import translation

from .helpers import make_hungyen_blocks, make_province


@pytest.fixture
def english():
    # Messages are checked in English; the Vietnamese catalogue translates them.
    with translation.override("en"):
        yield


@pytest.fixture
def registry(db):
    """The three Hưng Yên blocks and the province, as an import expects to find them."""
    blocks = make_hungyen_blocks()
    make_province()
    return blocks
