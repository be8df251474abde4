"""Fixtures the criteria tests share."""

import pytest
from django.utils import translation

from egovrank.criteria.versions import ensure_shipped_versions


@pytest.fixture
def english():
    # Messages are checked in English; the Vietnamese catalogue translates them.
    with translation.override("en"):
        yield


@pytest.fixture
def shipped(db):
    """The three Hưng Yên sets stored as versions, by set id, and nothing else."""
    return {version.set_id: version for version in ensure_shipped_versions()}
