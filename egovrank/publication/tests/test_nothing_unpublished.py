"""THE proof that nothing unpublished reaches the public: no page, widget, feed or
download shows a period before its publication, a result changed after it (a correction
re-reviewed but not yet published), or anything internal to the review (evidence files
and links, the unit's notes, reviewers' comments, messages and reasons, self-assessed
points).

The world: 2019 published after a full review of Sở Tài chính (evidence, notes, a
returned form with a comment, an adjustment with its reason), then re-opened for a
correction that is re-reviewed but not published; 2020 in review and 2021 open for
self-assessment, both with answers, evidence and (2020) reviewers' reasons. Every public
address is fetched and read as text: HTML and the feed as they are, the Excel file
through openpyxl, the PDF through pypdf (skipped, saying so, where pypdf is missing),
JSON and CSV as text."""

from __future__ import annotations

import io
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from egovrank.assessments.actions import (
    AnswerInput,
    do_add_file,
    do_add_link,
    do_save_answer,
    do_submit,
)
from egovrank.assessments.models import Answer
from egovrank.assessments.tests.helpers import fill_in
from egovrank.periods.choices import PeriodState
from egovrank.results.actions import do_finalise, do_open_correction, do_publish
from egovrank.results.compute import compute
from egovrank.results.models import Publication
from egovrank.results.queries import live_tables
from egovrank.results.tests.helpers import DECISION, fill, forward, move, set_state
from egovrank.review.actions import do_adjust, do_approve, do_comment, do_return
from egovrank.scoring.numbers import format_number
from egovrank.testing import DECLARED
from egovrank.testing.world import make_period

from .helpers import anonymous, new_unit

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SECRETS = {
    "evidence file": "Biên bản kiểm tra nội bộ số 7.pdf",
    "evidence link": "Công văn nội bộ chưa ban hành",
    "evidence address": "https://stc.example/noi-bo/7",
    "unit's note": "Ghi chú nội bộ: số liệu ước tính",
    "evidence explanation": "Giải trình minh chứng nội bộ",
    "reviewer's comment": "Nhận xét của người thẩm định gửi đơn vị",
    "return message": "Đề nghị bổ sung minh chứng trước hạn",
    "adjustment reason": "Lý do điều chỉnh: minh chứng không hợp lệ",
    "open correction": "Lý do đính chính chưa công bố",
    "re-review reason": "Lý do điều chỉnh khi phúc tra",
    "2020 evidence": "Tệp minh chứng năm 2020 chưa công bố.pdf",
    "2020 reason": "Lý do thẩm định năm 2020",
    "2020 unit": "Xã Chỉ Có Năm 2020",
    "2021 evidence": "Tệp minh chứng năm 2021.pdf",
    "2021 note": "Ghi chú năm 2021",
}


def add_evidence(participant, code, name, *, actor):
    do_add_file(participant, code, SimpleUploadedFile(name, PDF, "application/pdf"), actor=actor)


def note(participant, code, text, *, actor, explanation=""):
    answer = Answer.objects.get(assessment__participant=participant, code=code)
    do_save_answer(
        participant,
        code,
        AnswerInput(answer.value, answer.not_applicable, text, explanation),
        revision=answer.revision,
        actor=actor,
    )


def flip(participant, code):
    value = Answer.objects.get(assessment__participant=participant, code=code).value
    return "no" if value == "yes" else "yes"


def reviewed_sotc(world):
    """Sở Tài chính through the real review: evidence and notes, returned with a
    comment, submitted again, one criterion adjusted with a reason, approved."""
    sotc, officer, head = world.participants["sotc"], world.unit_officer, world.unit_head
    reviewer = world.provincial_reviewer
    fill_in(sotc, actor=officer)
    add_evidence(sotc, "HT1", SECRETS["evidence file"], actor=officer)
    do_add_link(
        sotc,
        "UD1",
        title=SECRETS["evidence link"],
        number="7/CV-STC",
        date=None,
        url=SECRETS["evidence address"],
        actor=officer,
    )
    note(
        sotc,
        "HT1",
        SECRETS["unit's note"],
        explanation=SECRETS["evidence explanation"],
        actor=officer,
    )
    do_submit(sotc, actor=head, declaration=DECLARED)
    do_comment(sotc, "HT1", SECRETS["reviewer's comment"], actor=reviewer)
    do_return(
        sotc,
        message=SECRETS["return message"],
        deadline=timezone.now() + timedelta(days=7),
        actor=reviewer,
    )
    do_submit(sotc, actor=head, declaration=DECLARED)
    do_adjust(
        sotc,
        "HT3.1",
        value=flip(sotc, "HT3.1"),
        reason=SECRETS["adjustment reason"],
        revision=0,
        actor=reviewer,
    )
    do_approve(sotc, actor=reviewer)


def the_world(world):
    """2019 published then re-opened and re-reviewed; 2020 in review; 2021 open."""
    reviewed_sotc(world)
    for seed, key in enumerate(world.participants, start=1):
        if key not in ("sotc", "soxd"):
            fill(world.participants[key], seed=seed, quality=0.3 + 0.1 * seed)
    forward(world)
    move(world.period, PeriodState.REVIEW)
    do_finalise(world.period, actor=world.administrator)
    publication = do_publish(world.period, actor=world.administrator, **DECISION)
    world.period.refresh_from_db()
    sotc = world.participants["sotc"]
    do_open_correction(sotc, reason=SECRETS["open correction"], actor=world.administrator)
    do_adjust(
        sotc,
        "HT5.1",
        value=flip(sotc, "HT5.1"),
        reason=SECRETS["re-review reason"],
        revision=0,
        actor=world.provincial_reviewer,
    )
    do_approve(sotc, actor=world.provincial_reviewer)
    published_period = world.period

    # 2020, in review, with a unit of its own.
    world.participants = {}
    new_unit(world, "chiconam2020", "12999", SECRETS["2020 unit"], like="xuanquan")
    make_period(world, year=2020)
    for seed, key in enumerate(world.participants, start=1):
        state = "draft" if key == "xuanquan" else "approved"
        fill(world.participants[key], state, seed=seed + 20, quality=0.95 - 0.08 * seed)
    xuanquan = world.participants["xuanquan"]
    add_evidence(xuanquan, "HT1", SECRETS["2020 evidence"], actor=world.administrator)
    set_state(xuanquan.assessment, "submitted")
    do_adjust(
        xuanquan,
        "WEB1",
        value=flip(xuanquan, "WEB1"),
        reason=SECRETS["2020 reason"],
        revision=0,
        actor=world.provincial_reviewer,
    )
    move(world.period, PeriodState.REVIEW)
    in_review = world.period

    # 2021, open for self-assessment.
    del world.units["chiconam2020"]
    world.participants = {}
    make_period(world, year=2021)
    fill_in(world.participants["sotc"], actor=world.unit_officer, seed=5)
    add_evidence(
        world.participants["sotc"], "HT1", SECRETS["2021 evidence"], actor=world.unit_officer
    )
    note(world.participants["sotc"], "HT1", SECRETS["2021 note"], actor=world.unit_officer)
    open_period = world.period
    return publication, published_period, [in_review, open_period]


def public_addresses(publication: Publication, year: int) -> list[tuple[str, str]]:
    """Every public address of a year: (kind, URL)."""
    blocks = list(publication.blocks) if publication else ["KHOI01", "KHOI02", "KHOI03"]
    units = (
        list(publication.results.values_list("unit_code", flat=True))
        if publication
        else ["K01-05", "12999", "11989"]
    )
    addresses = [
        ("html", reverse("publication:year", kwargs={"year": year})),
        ("xlsx", reverse("publication:xlsx", kwargs={"year": year})),
        ("pdf", reverse("publication:pdf", kwargs={"year": year})),
        ("json", reverse("publication:json", kwargs={"year": year})),
        ("html", reverse("publication:districts", kwargs={"year": year, "block": "KHOI03"})),
    ]
    for block in blocks:
        kwargs = {"year": year, "block": block}
        addresses += [
            ("html", reverse("publication:block", kwargs=kwargs)),
            ("html", reverse("publication:embed", kwargs=kwargs)),
            ("csv", reverse("publication:csv", kwargs=kwargs)),
        ]
    addresses += [
        ("html", reverse("publication:unit", kwargs={"year": year, "unit": code})) for code in units
    ]
    return addresses


EVERYWHERE = [("html", reverse("publication:index")), ("feed", reverse("publication:feed"))]


def read(kind: str, content: bytes) -> tuple[str, set[Decimal]]:
    """The text of a document, and the numbers stored as numbers in it (Excel)."""
    if kind == "xlsx":
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(content), read_only=True)
        texts, numbers = [], set()
        for sheet in book.worksheets:
            for row in sheet.iter_rows(values_only=True):
                for value in row:
                    if isinstance(value, int | float) and not isinstance(value, bool):
                        numbers.add(Decimal(str(value)).normalize())
                    if value is not None:
                        texts.append(str(value))
        return "\n".join(texts), numbers
    if kind == "pdf":
        from pypdf import PdfReader

        return "\n".join(
            page.extract_text() for page in PdfReader(io.BytesIO(content)).pages
        ), set()
    return content.decode("utf-8-sig"), set()


def forms(value: Decimal) -> set[str]:
    """A number as people and files may write it: 283,12 / 283.12 / 283,1 …"""
    value = Decimal(value)
    return {
        format_number(value, "vi"),
        format_number(value, "en"),
        format_number(value, "vi", places=2),
        format_number(value, "en", places=2),
        str(value),
    }


def published_numbers(publication: Publication) -> set[Decimal]:
    """Every number the publication holds: totals, maxima, percentages, node points."""
    found: set[Decimal] = set()
    for result in publication.results.all():
        found |= {result.points, result.max_points, result.percent}
        for points, maximum, _status in result.nodes.values():
            found |= {Decimal(points), Decimal(maximum)}
    return {number.normalize() for number in found}


def fetch(kind: str, url: str):
    response = anonymous().get(url)
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return response.status_code, content


@pytest.fixture
def scene(world):
    publication, published_period, unpublished = the_world(world)
    return world, publication, published_period, unpublished


def documents(publication, year, *, skip=()):
    for kind, url in public_addresses(publication, year) + EVERYWHERE:
        if kind in skip:
            continue
        status, content = fetch(kind, url)
        assert status == 200, f"{url}: {status}"
        yield kind, url, *read(kind, content)


def test_an_unpublished_period_is_not_there(scene):
    _world, _publication, _published, unpublished = scene
    for period in unpublished:
        for _kind, url in public_addresses(None, period.year):
            status, _content = fetch(_kind, url)
            assert status == 404, f"{url} answered {status} for a period that is {period.state}"
        for _kind, url in EVERYWHERE:
            _status, content = fetch(_kind, url)
            assert f"/published/{period.year}/".encode() not in content, url
            assert SECRETS["2020 unit"].encode() not in content, url
        assert (
            anonymous().get(reverse("publication:index"), {"year": period.year}).status_code == 404
        )


def live_totals(period) -> dict[str, Decimal]:
    return {
        row.unit_code: row.points for table in live_tables(compute(period)) for row in table.rows
    }


def test_nothing_internal_and_no_later_value_is_on_any_public_document(scene):
    """Secrets, self-assessed points, the re-reviewed points not yet published and the
    unpublished periods' points, on every document but the PDF (next test)."""
    _world, publication, published_period, unpublished = scene
    check_documents(publication, published_period, unpublished, skip=("pdf",))


def test_nothing_internal_and_no_later_value_is_in_the_pdf(scene):
    pytest.importorskip("pypdf", reason="pypdf is not installed: the PDF's text cannot be read")
    _world, publication, published_period, unpublished = scene
    check_documents(publication, published_period, unpublished, only="pdf")


def visible(kind: str, text: str) -> str:
    """What a person reads: for HTML and the feed, the text without tags and attributes
    (a chart's coordinates are not figures)."""
    if kind in ("html", "feed"):
        return re.sub(r"<[^>]+>", " ", text)
    return text


def mention(text: str, value: Decimal) -> str | None:
    """The form in which ``value`` appears in ``text`` as a number of its own, if any."""
    for form in forms(value):
        if re.search(rf"(?<![\d.,]){re.escape(form)}(?![\d]|[.,]\d)", text):
            return form
    return None


def check_documents(publication, published_period, unpublished, *, skip=(), only=None):
    shown = published_numbers(publication)
    sotc = publication.results.get(unit_code="K01-05")
    corrected = live_totals(published_period)["K01-05"]
    assert corrected != sotc.points  # the re-review changed the live result
    # Numbers that must not appear, where they are not also a published number.
    hidden = {("self-assessed points", sotc.self_points), ("re-reviewed total", corrected)}
    for period in unpublished:
        hidden |= {(f"{period.year} live total", points) for points in live_totals(period).values()}
    hidden = {(label, value) for label, value in hidden if value.normalize() not in shown}
    assert corrected != sotc.self_points
    assert ("self-assessed points", sotc.self_points) in hidden
    assert ("re-reviewed total", corrected) in hidden
    checked = set()
    for kind, url, text, numbers in documents(publication, 2019, skip=skip):
        if only and kind != only:
            continue
        checked.add(kind)
        for label, secret in SECRETS.items():
            assert secret not in text, f"{label} ({secret!r}) is on {url}"
        readable = visible(kind, text)
        for label, value in hidden:
            form = mention(readable, value)
            assert form is None, f"{label} {value} is on {url} (as {form})"
            assert value.normalize() not in numbers, f"{label} {value} is stored in {url}"
        assert "self_points" not in text, url
    assert checked >= ({only} if only else {"html", "xlsx", "json", "csv", "feed"})


def test_the_published_values_are_the_ones_shown(scene):
    """The counterpart: the published total of the corrected unit is what the public
    reads, before the correction is published."""
    _world, publication, _published, _unpublished = scene
    sotc = publication.results.get(unit_code="K01-05")
    page = anonymous().get(reverse("publication:unit", kwargs={"year": 2019, "unit": "K01-05"}))
    assert f"{format_number(sotc.points, 'vi')}/{format_number(sotc.max_points, 'vi')}" in (
        page.content.decode()
    )
