"""The unit's self-assessment report as an official document (Decree 30/2020/NĐ-CP):
from the form as it is now, and from each submission exactly as submitted, as Word and
PDF, read back with python-docx and pypdf; the Word file converted by LibreOffice
Writer, no criterion alone on a page."""

import pytest

from egovrank.assessments.actions import do_add_link, do_submit, do_withdraw
from egovrank.assessments.queries import criteria_set_for, entries_of, sheet_for
from egovrank.core.documents.model import MOTTO, NATIONAL_NAME
from egovrank.core.documents.tests.reading import (
    assert_official_header,
    converted_by_libreoffice,
    data_tables,
    docx_of,
    header_texts,
    no_row_alone,
    page_texts,
    pdf_of,
)
from egovrank.scoring.numbers import format_number
from egovrank.testing import DECLARED

from .conftest import client_of, form_url
from .helpers import fill_in, save

pytestmark = pytest.mark.django_db


def yes_no_leaf(participant):
    criteria_set = criteria_set_for(participant)
    return next(
        node
        for node in criteria_set.leaves()
        if node.rule is not None and node.rule.input_kind == "yes_no"
    )


@pytest.fixture
def resubmitted(world):
    """Sở Tài chính's form submitted once with a link, then withdrawn and one yes/no
    answer turned the other way (the form now differs from submission 1)."""
    participant = world.participants["sotc"]
    fill_in(participant, actor=world.unit_officer)
    node = yes_no_leaf(participant)
    save(participant, node.code, "yes", actor=world.unit_officer, note="Theo báo cáo quý")
    do_add_link(participant, node.code, title="Quyết định 15/QĐ-STC", actor=world.unit_officer)
    do_submit(participant, actor=world.unit_head, declaration=DECLARED)
    do_withdraw(participant, actor=world.unit_head)
    save(participant, node.code, "no", actor=world.unit_officer, note="Theo báo cáo quý")
    return participant, node


def cell_texts(table):
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_a_submissions_report_is_the_submission_signed_by_its_head(world, resubmitted):
    participant, node = resubmitted
    url = form_url(world, name="assessments:submission_report", number=1, fmt="docx")
    response = client_of(world.unit_officer).get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('filename="tu-danh-gia-2019-K01-05-lan-1.docx"')
    word = docx_of(response.content)
    assert_official_header(word, agency="Sở Tài chính", number_start="Số: …/BC-")
    # Above the department, its managing agency: the province's People's Committee.
    assert "UBND TỈNH HƯNG YÊN" in header_texts(word)
    assert "BÁO CÁO" in [p.text for p in word.paragraphs]
    assert not criteria_set_for(participant).figures  # its figures' table says so
    assert "Bộ tiêu chí không có số liệu dùng chung." in [p.text for p in word.paragraphs]
    criteria, evidence, notes = data_tables(word)
    rows = cell_texts(criteria)
    sheet = sheet_for(participant, criteria_set_for(participant), {}, "vi")
    assert len(rows) == 1 + len(sheet.lines) + 1  # header, every node, the total
    assert [row[0] for row in rows[1:-1]] == [line.code for line in sheet.lines]
    answer = next(row for row in rows if row[0] == node.code)
    assert answer[2] == "Có"  # as submitted, not the "no" typed since
    assert [node.code, "Văn bản hoặc liên kết", "Quyết định 15/QĐ-STC"] in cell_texts(evidence)
    assert [node.code, "Theo báo cáo quý", ""] in cell_texts(notes)
    signer = [p.text for p in word.tables[-1].rows[0].cells[1].paragraphs if p.text]
    assert signer == ["THỦ TRƯỞNG ĐƠN VỊ", "Unit Head"]


def test_the_current_report_is_the_form_now_with_its_points(world, resubmitted):
    participant, node = resubmitted
    response = client_of(world.unit_head).get(
        form_url(world, name="assessments:report", fmt="docx")
    )
    rows = cell_texts(data_tables(docx_of(response.content))[0])
    assert next(row for row in rows if row[0] == node.code)[2] == "Không"
    sheet = sheet_for(
        participant, criteria_set_for(participant), entries_of(participant.assessment), "vi"
    )
    assert rows[-1][-1] == format_number(sheet.points, "vi")  # the core's total, Vietnamese style
    # The signer is not known before the head submits: a blank to fill in.
    word = docx_of(response.content)
    assert "…" in [p.text for p in word.tables[-1].rows[0].cells[1].paragraphs]


def test_the_pdf_and_libreoffice_leave_no_criterion_alone_on_a_page(world, resubmitted):
    participant, _node = resubmitted
    codes = [
        line.code for line in sheet_for(participant, criteria_set_for(participant), {}, "vi").lines
    ]
    client = client_of(world.unit_head)
    pages = page_texts(
        pdf_of(client.get(form_url(world, name="assessments:report", fmt="pdf")).content)
    )
    assert NATIONAL_NAME in pages[0] and MOTTO in pages[0] and "SỞ TÀI CHÍNH" in pages[0]
    assert len(pages) >= 2
    no_row_alone(pages, codes, "Tiêu chí")
    word = client.get(form_url(world, name="assessments:report", fmt="docx")).content
    printed = page_texts(converted_by_libreoffice(word))
    assert len(printed) >= 2
    no_row_alone(printed, codes, "Tiêu chí")


def test_the_links_are_on_the_form_and_the_history(world, resubmitted):
    client = client_of(world.unit_officer)
    form = client.get(form_url(world)).content.decode()
    assert form_url(world, name="assessments:report", fmt="docx") in form
    history = client.get(form_url(world, name="assessments:history")).content.decode()
    assert form_url(world, name="assessments:submission_report", number=1, fmt="pdf") in history


def test_an_unknown_submission_or_format_is_not_found(world, resubmitted):
    client = client_of(world.unit_officer)
    assert (
        client.get(
            form_url(world, name="assessments:submission_report", number=2, fmt="pdf")
        ).status_code
        == 404
    )
    url = form_url(world, name="assessments:report", fmt="pdf")
    assert client.get(url.replace(".pdf", ".odt")).status_code == 404
