"""Zip archives are checked before anything in them is inflated: a bomb costs nothing."""

import io
import zipfile
import zlib

import pytest

from egovrank.scoring.fileformat.archives import (
    IMPORT_LIMITS,
    ArchiveLimits,
    ArchiveRefused,
    checked_archive,
    read_member,
)
from egovrank.testing.ziparchive import (
    BOMB_ODT,
    DEFLATED,
    RawMember,
    cost,
    deflated,
    raw_zip,
)


def refusal(source, limits=IMPORT_LIMITS):
    with pytest.raises(ArchiveRefused) as caught:
        checked_archive(source, limits)
    return caught.value


def test_a_1_kb_file_that_inflates_to_1_gb_is_refused_at_once_in_little_memory():
    bomb = BOMB_ODT.read_bytes()
    assert len(bomb) < 1100
    assert zipfile.ZipFile(io.BytesIO(bomb)).getinfo("mimetype").file_size == 2**30

    spent = cost(lambda: checked_archive(bomb, IMPORT_LIMITS))

    assert isinstance(spent.outcome, ArchiveRefused)
    assert spent.seconds < 1
    assert spent.peak_mb < 50


def test_a_member_that_lies_about_its_size_is_read_no_further_than_the_cap():
    # 64 MB of zeros deflate to 64 KB; the member says it holds 100 bytes.
    data = b"\0" * (64 << 20)
    liar = RawMember("mimetype", deflated(data), DEFLATED, 100, zlib.crc32(data))
    archive = checked_archive(raw_zip([liar]), IMPORT_LIMITS)

    spent = cost(lambda: read_member(archive, "mimetype", 256))

    assert spent.peak_mb < 5
    assert isinstance(spent.outcome, ArchiveRefused | bytes)
    assert not isinstance(spent.outcome, bytes) or len(spent.outcome) <= 256


def test_a_member_larger_than_the_cap_is_refused_when_read():
    data = b"x" * 1000
    archive = checked_archive(
        raw_zip([RawMember("mimetype", deflated(data), DEFLATED, 1000, zlib.crc32(data))]),
        IMPORT_LIMITS,
    )
    with pytest.raises(ArchiveRefused) as caught:
        read_member(archive, "mimetype", 256)
    assert caught.value.reason == "member"


def test_too_many_members_are_refused_before_the_directory_is_read():
    members = [RawMember(f"{n}.xml", b"", 0, 0, 0) for n in range(30)]
    error = refusal(raw_zip(members), ArchiveLimits(members=20, total=1 << 20, ratio=100))
    assert (error.reason, error.limit) == ("members", 20)


def test_a_total_declared_size_over_the_limit_is_refused():
    members = [RawMember(f"{n}.xml", b"x" * (1 << 20), 0, 40 << 20, 0) for n in range(2)]
    error = refusal(raw_zip(members))
    assert (error.reason, error.limit) == ("total", 64)


def test_a_member_compressed_like_a_bomb_is_refused():
    data = b"A" * (5 << 20)  # one 5 MB cell: 5 KB deflated, a ratio of 1,000
    error = refusal(raw_zip([RawMember("a.xml", deflated(data), DEFLATED, len(data), 0)]))
    assert (error.reason, error.limit) == ("ratio", 100)


def test_bzip2_and_lzma_members_are_refused():
    error = refusal(raw_zip([RawMember("mimetype", b"BZh9", 12, 10, 0)]))
    assert error.reason == "method"


def test_something_else_than_a_zip_is_refused_as_damaged():
    assert refusal(b"PK\x03\x04 not really a zip").reason == "damaged"


def test_an_ordinary_office_file_passes_and_reads():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>" * 1000)
    archive = checked_archive(buffer.getvalue(), IMPORT_LIMITS)
    assert read_member(archive, "mimetype", 256) == b"application/vnd.oasis.opendocument.text"
