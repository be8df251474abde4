"""The DTI frameworks shipped with the package: the national provincial DTI 2025 and the
provincial templates for departments and for communes. They load, total as their
decisions state, and every node says what it rests on."""

from decimal import Decimal

import pytest

from egovrank.scoring.answers import Number
from egovrank.scoring.catalogue import HUNG_YEN_SET_IDS, packaged_set, packaged_set_ids
from egovrank.scoring.engine import UnitInput, score_block, score_unit

DTI_IDS = ["dti-2025-tinh", "dti-2025-sbn", "dti-2025-xp"]
MARKS = {"read", "derived", "inferred", "official"}


def leaves(cs):
    return [node for node in cs.walk() if not node.children]


def test_the_frameworks_are_shipped_beside_the_hung_yen_sets():
    assert set(DTI_IDS) | set(HUNG_YEN_SET_IDS) <= set(packaged_set_ids())


@pytest.mark.parametrize("set_id", DTI_IDS)
def test_each_framework_totals_1000_and_every_node_says_where_it_comes_from(set_id):
    cs = packaged_set(set_id)
    assert cs.max_total == Decimal(1000)
    for node in cs.walk():
        assert node.status in MARKS, node.code
        assert node.source.strip(), node.code
    # The metadata says how much is read and how much inferred, with the node count.
    nodes = len(list(cs.walk()))
    assert cs.meta.reconstructed is True
    assert f"0 of {nodes} nodes read" in cs.meta.provenance
    assert "read:" in cs.meta.provenance.lower() and "inferred:" in cs.meta.provenance.lower()


def test_the_national_dti_has_3_pillars_8_indices_and_47_components():
    cs = packaged_set("dti-2025-tinh")
    assert dict(cs.meta.legal_basis) == {
        "number": "405/QĐ-BKHCN",
        "date": "2025-04-03",
        "issuer": "Bộ Khoa học và Công nghệ",
    }
    assert [g.name for g in cs.groups] == [
        "Trụ cột Chính quyền số",
        "Trụ cột Kinh tế số",
        "Trụ cột Xã hội số",
    ]
    indices = [index for pillar in cs.groups for index in pillar.children]
    assert [i.name for i in indices] == [
        "Nhận thức số",
        "Thể chế số",
        "Hạ tầng số",
        "Nhân lực số",
        "An toàn thông tin mạng",
        "Hoạt động chính quyền số",
        "Hoạt động kinh tế số",
        "Hoạt động xã hội số",
    ]
    assert all(child.children == () for i in indices for child in i.children)
    assert len(leaves(cs)) == 47
    assert sum(i.full_max for i in indices) == Decimal(1000)


def test_the_national_dti_marks_its_automatically_measured_components():
    cs = packaged_set("dti-2025-tinh")
    automatic = [n.code for n in leaves(cs) if n.origin == "automatic"]
    assert automatic == [
        "HT3",
        "HT4",
        "AT3",
        "AT4",
        "AT5",
        "HDCQ6",
        "HDCQ8",
        "HDCQ9",
        "HDKT2",
        "HDXH1",
    ]
    system = {n.code: n.origin_system for n in leaves(cs) if n.origin == "system"}
    assert system["HDCQ2"] == "Cổng Dịch vụ công quốc gia"


@pytest.mark.parametrize("set_id", DTI_IDS)
def test_the_frameworks_only_rank_and_share_their_common_figures(set_id):
    cs = packaged_set(set_id)
    assert cs.levels.levels == ()  # levels: [] — an index that only ranks
    # Every shared figure is used, most of them by several criteria.
    users = {figure.code: cs.figure_users(figure.code) for figure in cs.figures}
    assert users and all(users.values())
    assert max(len(codes) for codes in users.values()) >= 2


def test_a_shared_staff_figure_is_given_once_for_every_criterion_that_uses_it():
    cs = packaged_set("dti-2025-sbn")
    assert cs.figure_users("TONG_CBCCVC") == ("NT5", "HT1", "HT3", "NL2")
    scored = score_unit(
        cs,
        UnitInput(
            "sotc",
            "Sở Tài chính",
            {"HT1": Number(Decimal(51)), "NL2": Number(Decimal(102))},
            figures={"TONG_CBCCVC": Decimal(204)},
        ),
    )
    assert scored.points_of("HT1") == Decimal(5)  # 51/204 × 20
    assert scored.points_of("NL2") == Decimal(20)  # 102/204 × 40


@pytest.mark.parametrize(
    ("set_id", "block", "groups", "components"),
    [("dti-2025-sbn", "SBN", 7, 33), ("dti-2025-xp", "XP", 7, 27)],
)
def test_the_provincial_templates_have_their_blocks_and_seven_groups(
    set_id, block, groups, components
):
    cs = packaged_set(set_id)
    assert cs.meta.block_code == block
    assert len(cs.groups) == groups
    assert len(leaves(cs)) == components
    assert sum(g.full_max for g in cs.groups) == Decimal(1000)


def test_the_rule_texts_of_the_decisions_become_rules():
    cs = packaged_set("dti-2025-sbn")
    nodes = {n.code: n for n in cs.walk()}
    # "a/b × điểm tối đa" → a proportional ratio.
    assert nodes["NT3"].rule.kind == "ratio"
    # "1/2 × điểm tối đa" → an option worth half the maximum.
    assert [o.points for o in nodes["NT1"].rule.options] == [20, 10, 0]
    # The meeting table (4 → 20, 3 → 15, 2 → 10, 1 → 5) → count bands.
    assert [(b.at_least, b.points) for b in nodes["NT2"].rule.bands] == [
        (1, 5),
        (2, 10),
        (3, 15),
        (4, 20),
    ]
    assert nodes["NT1"].evidence.required is True


@pytest.mark.parametrize("set_id", DTI_IDS)
def test_an_empty_form_scores_zero_with_a_rank_and_no_level(set_id):
    cs = packaged_set(set_id)
    block = score_block(cs, [UnitInput("a", "A"), UnitInput("b", "B")])
    assert [(row.score.points, row.score.level, row.rank) for row in block.rows] == [
        (Decimal(0), None, 1),
        (Decimal(0), None, 1),
    ]
