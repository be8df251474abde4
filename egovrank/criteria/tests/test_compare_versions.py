"""Two versions side by side: what was added, removed and changed, and both totals."""

import pytest

from egovrank.criteria.actions import do_copy_version, do_edit_version
from egovrank.criteria.compare import compare_sets
from egovrank.criteria.documents import AddNode, ChangeNode, DeleteNode
from egovrank.criteria.models import CriteriaVersion
from egovrank.criteria.versions import criteria_set_of

from .helpers import SET

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def amended(world):
    """A copy of Khối 01 with HT1 worth 12, UD7 added (within UD's cap), TT3 removed and
    a new 20-point group CDS."""
    source = CriteriaVersion.objects.get(set_id=SET)
    copy = do_copy_version(
        source, set_id="k01-2021", version_label="2021", title="Khối 01 2021", actor=None
    )
    edits = [
        ChangeNode(
            "HT1",
            {
                "code": "HT1",
                "name": "Tỷ lệ CBCCVC được trang bị máy tính",
                "max_points": 12,
                "rule": {"kind": "yes_no"},
                "status": "inferred",
            },
            {"required": True, "documents": "Danh sách máy tính và CBCCVC sử dụng"},
        ),
        AddNode(
            "UD",
            {"code": "UD7", "name": "Chữ ký số", "max_points": 5, "rule": {"kind": "yes_no"}},
        ),
        DeleteNode("TT3"),
        AddNode(
            None,
            {
                "code": "CDS",
                "name": "Chuyển đổi số",
                "children": [
                    {
                        "code": "CDS1",
                        "name": "Kế hoạch",
                        "max_points": 20,
                        "rule": {"kind": "yes_no"},
                    }
                ],
            },
        ),
    ]
    for revision, edit in enumerate(edits, start=1):
        copy = do_edit_version(copy, edit, actor=None, revision=revision)
    return copy


def test_it_finds_added_removed_and_changed_nodes(amended):
    comparison = compare_sets(
        criteria_set_of(CriteriaVersion.objects.get(set_id=SET)), criteria_set_of(amended), "en"
    )

    by_code = {row.code: row for row in comparison.rows}
    assert by_code["HT1"].status == "changed"
    assert by_code["HT1"].changed == ("max_points", "rule")  # ratio became yes/no
    assert by_code["UD7"].status == "added"
    assert by_code["TT3"].status == "removed"
    assert by_code["HT2"].status == "unchanged"
    assert (by_code["CDS"].status, by_code["CDS1"].status) == ("added", "added")
    assert (comparison.left.max_total, comparison.right.max_total) == (500, 520)
    assert comparison.counts["changed"] == 1  # UD grew, but its cap holds it at 100
    codes = [row.code for row in comparison.rows]
    assert codes.index("UD7") == codes.index("UD6.3") + 1  # shown where it was added


def test_the_page_shows_both_totals_and_the_differences(client, amended):
    response = client.get(
        "/criteria/versions/compare/", {"left": SET, "right": "k01-2021"}, HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 200
    text = response.content.decode()
    totals = text.split("compare-totals")[1].split("</table>")[0]
    assert '<td class="num">500</td>' in totals
    assert '<td class="num">520</td>' in totals
    assert "Yes: 12 points; No: 0 points" in text
    assert "Points = Số CBCCVC được trang bị máy tính phục vụ công việc" in text
    assert 'class="badge badge--added">added' in text
    assert 'class="badge badge--removed">removed' in text
    assert "unchanged criteria</summary>" in text


def test_a_copy_is_compared_with_its_original_by_default(client, amended):
    response = client.get("/criteria/versions/compare/", {"right": "k01-2021"})

    assert response.status_code == 200
    assert f'<option value="{SET}" selected>' in response.content.decode()


def test_an_unknown_version_is_refused_by_the_form(client, amended):
    response = client.get("/criteria/versions/compare/", {"left": "nope", "right": "k01-2021"})

    assert response.status_code == 400


def test_the_version_page_links_to_the_comparison(administrator_client, amended):
    text = administrator_client.get("/criteria/k01-2021/").content.decode()

    assert f"/criteria/versions/compare/?left={SET}&amp;right=k01-2021" in text
