"""Adding a sub-criterion under a node, and a top-level group with its first criterion."""

from decimal import Decimal

import pytest

from egovrank.core.models import AuditEvent
from egovrank.scoring.rules import YesNoRule

from .helpers import SET, fresh, new_node_data, node_of

pytestmark = pytest.mark.usefixtures("english")


def test_it_adds_a_criterion_at_the_end_of_a_group(administrator_client, world):
    data = new_node_data(
        1,
        code="HT6",
        name="Có hệ thống giám sát an toàn thông tin",
        max_points="5",
        rule_kind="yes_no",
    )

    response = administrator_client.post(f"/criteria/{SET}/edit/node/HT/add/", data)

    assert response.status_code == 302
    assert response["Location"] == f"/criteria/{SET}/edit/#node-HT6"
    group = node_of(SET, "HT")
    assert group.children[-1].code == "HT6"
    assert isinstance(group.children[-1].rule, YesNoRule)
    assert group.full_max == 50  # capped
    event = AuditEvent.objects.get(action="criteria_version.node_added")
    assert event.data["after"]["parent"] == "HT"
    assert event.data["after"]["node"]["max_points"] == "5"


def test_a_criterion_given_a_sub_criterion_becomes_a_group(administrator_client, world):
    page = administrator_client.get(f"/criteria/{SET}/edit/node/HT1/add/").content.decode()
    assert "turns it into a group" in page
    data = new_node_data(
        1, code="HT1.1", name="Máy tính để bàn", max_points="10", rule_kind="manual"
    )

    response = administrator_client.post(f"/criteria/{SET}/edit/node/HT1/add/", data)

    assert response.status_code == 302
    node = node_of(SET, "HT1")
    assert node.rule is None
    assert [child.code for child in node.children] == ["HT1.1"]
    assert node.full_max == 10
    event = AuditEvent.objects.get(action="criteria_version.node_added")
    assert event.data["after"]["parent_rule_removed"]["kind"] == "ratio"


def test_it_adds_a_top_level_group_with_its_first_criterion(administrator_client, world):
    data = {
        "group-code": "CDS",
        "group-name": "Chuyển đổi số",
        "group-max_points": "",
        **{
            f"first-{key}": value
            for key, value in new_node_data(
                1,
                code="CDS1",
                name="Có kế hoạch chuyển đổi số",
                max_points="20",
                rule_kind="yes_no",
            ).items()
        },
    }

    response = administrator_client.post(f"/criteria/{SET}/edit/add-group/", data)

    assert response.status_code == 302
    group = node_of(SET, "CDS")
    assert [child.code for child in group.children] == ["CDS1"]
    assert fresh().source_yaml.count("max_total: 520") == 1
    assert node_of(SET, "CDS1").max_points == Decimal(20)


def test_a_new_code_that_exists_is_refused_at_its_field(administrator_client, world):
    data = new_node_data(1, code="HT2", name="Trùng mã", max_points="5", rule_kind="yes_no")

    response = administrator_client.post(f"/criteria/{SET}/edit/node/HT/add/", data)

    assert response.status_code == 400
    text = response.content.decode()
    assert (
        '<ul class="errorlist" id="id_code_error"><li>duplicate code (first used at HT › HT2)'
        in text
    )
    assert fresh().revision == 1
