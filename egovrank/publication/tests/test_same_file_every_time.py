"""A publication's files are the same bytes whenever they are drawn: each server process
draws them once and the ETag names the publication, so two draws must agree byte for
byte (and an official result keeps one checksum). openpyxl and python-docx date the
archive's members, and openpyxl the workbook, with the moment of writing."""

import io
import zipfile
from datetime import UTC, timedelta

import pytest
import time_machine
from django.utils import timezone
from openpyxl import load_workbook

from egovrank.core.documents.docx import render_docx
from egovrank.publication.downloads import _announcement
from egovrank.publication.exports import xlsx
from egovrank.publication.exports.source import from_publication
from egovrank.results.tests.helpers import published

pytestmark = pytest.mark.django_db


def _drawn_twice(render):
    first = render()
    with time_machine.travel(timezone.now() + timedelta(days=3, seconds=7), tick=False):
        second = render()
    return first, second


def test_the_workbook_is_the_same_file_and_dated_by_the_publication(world):
    publication = published(world)
    first, second = _drawn_twice(lambda: xlsx.render_xlsx(from_publication(publication)))
    assert first == second
    properties = load_workbook(io.BytesIO(first)).properties
    moment = publication.published_at.astimezone(UTC).replace(tzinfo=None)
    assert properties.created == properties.modified == moment.replace(microsecond=0)
    members = zipfile.ZipFile(io.BytesIO(first)).infolist()
    assert {member.date_time[:3] for member in members} == {moment.timetuple()[:3]}


def test_the_word_announcement_is_the_same_file(world):
    publication = published(world)
    first, second = _drawn_twice(lambda: render_docx(_announcement(publication)))
    assert first == second
