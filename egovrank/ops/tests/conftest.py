"""The backup tests' installation and its archive."""

import pytest
from django.core.management import call_command

from .helpers import out, remove_files, stored_files, table_rows
from .sample import build_sample


@pytest.fixture
def sample(transactional_db):
    world = build_sample()
    names = list(stored_files())
    yield world
    remove_files(names)


@pytest.fixture
def archive(sample, tmp_path):
    """The sample's backup, and the sample as it was (rows and files)."""
    path = tmp_path / "egovrank.zip"
    rows, files = table_rows(), stored_files()
    call_command("backup", str(path), stdout=out(), stderr=out())
    return path, rows, files
