"""The review result of a unit as an official document (Decree 30/2020/NĐ-CP): the
unit's points against the verified points per criterion, each adjustment with its
reason, issued by the reviewing agency; for the reviewers, and for the unit once its
review is approved. Read back with python-docx and pypdf."""

import pytest
from django.urls import reverse

from egovrank.assessments.queries import criteria_set_for
from egovrank.assessments.tests.conftest import client_of
from egovrank.core.documents.model import NATIONAL_NAME
from egovrank.core.documents.tests.reading import (
    assert_official_header,
    data_tables,
    docx_of,
    page_texts,
    pdf_of,
)
from egovrank.review.actions import do_approve
from egovrank.review.queries import compare
from egovrank.scoring.numbers import format_number

from .review_helpers import adjust, submitted

pytestmark = pytest.mark.django_db


def url(world, fmt="docx", key="sotc"):
    unit = world.participants[key].unit_code
    return reverse(
        "review:result_document", kwargs={"year": world.period.year, "unit": unit, "fmt": fmt}
    )


@pytest.fixture
def adjusted(world):
    """Sở Tài chính's form submitted, one yes/no criterion adjusted with a reason."""
    participant = world.participants["sotc"]
    submitted(participant, world.unit_head)
    node = next(
        node
        for node in criteria_set_for(participant).leaves()
        if node.rule is not None and node.rule.input_kind == "yes_no"
    )
    answer = participant.assessment.answers.get(code=node.code)
    other = "no" if answer.value == "yes" else "yes"
    adjust(
        participant, node.code, other, actor=world.provincial_reviewer, reason="Không có văn bản"
    )
    return participant, node


def rows_of(table):
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_it_has_both_points_per_criterion_and_each_adjustments_reason(world, adjusted):
    participant, node = adjusted
    response = client_of(world.provincial_reviewer).get(url(world))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('filename="tham-dinh-2019-K01-05.docx"')
    word = docx_of(response.content)
    assert_official_header(word, agency="Sở Thông tin và Truyền thông", number_start="Số: …/TB-")
    points, adjustments = (rows_of(table) for table in data_tables(word))
    comparison = compare(participant, criteria_set_for(participant), "vi")
    assert [row[0] for row in points[1:-1]] == [line.code for line in comparison.own.lines]
    total = points[-1]
    assert total[3] == format_number(comparison.own.points, "vi")
    assert total[4] == format_number(comparison.verified.points, "vi")
    assert comparison.own.points != comparison.verified.points
    assert len(adjustments) == 2 and adjustments[1][0] == node.code
    assert adjustments[1][3] == "Không có văn bản"
    assert {adjustments[1][1], adjustments[1][2]} == {"Có", "Không"}
    assert "chưa được duyệt" in "\n".join(p.text for p in word.paragraphs)


def test_a_communes_result_is_issued_by_its_district(world):
    submitted(world.participants["lacdao"], world.commune_officer)
    response = client_of(world.district_reviewer).get(url(world, key="lacdao"))
    assert_official_header(
        docx_of(response.content), agency="UBND huyện Văn Lâm", number_start="Số:"
    )


def test_the_unit_gets_it_once_approved_and_not_before(world, adjusted):
    participant, _node = adjusted
    head = client_of(world.unit_head)
    assert head.get(url(world, "pdf")).status_code == 403
    assert (
        url(world)
        not in head.get(
            reverse("assessments:form", kwargs={"year": 2019, "unit": participant.unit_code})
        ).content.decode()
    )
    do_approve(participant, actor=world.provincial_reviewer)
    response = head.get(url(world, "pdf"))
    assert response.status_code == 200
    pages = page_texts(pdf_of(response.content))
    assert NATIONAL_NAME in pages[0] and "Không có văn bản" in " ".join(pages)
    form = head.get(
        reverse("assessments:form", kwargs={"year": 2019, "unit": participant.unit_code})
    )
    assert url(world) in form.content.decode()


def test_the_review_page_links_it(world, adjusted):
    page = client_of(world.provincial_reviewer).get(
        reverse("review:detail", kwargs={"year": 2019, "unit": adjusted[0].unit_code})
    )
    assert url(world, "pdf") in page.content.decode()
