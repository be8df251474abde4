"""Editing one node in the app: its name, maximum, rule, evidence and the rest."""

from decimal import Decimal

import pytest

from egovrank.core.models import AuditEvent
from egovrank.scoring.rules import OptionRule, RatioRule

from .helpers import SET, fresh, node_data, node_of

pytestmark = pytest.mark.usefixtures("english")


def url(code):
    return f"/criteria/{SET}/edit/node/{code}/"


def test_the_edit_page_shows_the_node_as_it_is(administrator_client, world):
    text = administrator_client.get(url("HT1")).content.decode()

    assert "Tỷ lệ CBCCVC được trang bị máy tính" in text
    assert 'name="max_points" value="10"' in text
    assert '<option value="ratio" selected>' in text
    assert 'name="revision" value="1"' in text


def test_it_changes_the_name_guidance_and_status(administrator_client, world):
    data = node_data(
        SET, "HT1", name="Máy tính cho CBCCVC", guidance="Tính đến 31/12.", status="official"
    )

    response = administrator_client.post(url("HT1"), data)

    assert response.status_code == 302
    assert response["Location"] == f"/criteria/{SET}/edit/#node-HT1"
    node = node_of(SET, "HT1")
    assert (node.name, node.guidance, node.status) == (
        "Máy tính cho CBCCVC",
        "Tính đến 31/12.",
        "official",
    )
    assert fresh().revision == 2
    assert fresh().updated_by == world.administrator


def test_it_raises_a_maximum_within_the_group_cap(administrator_client, world):
    response = administrator_client.post(url("HT1"), node_data(SET, "HT1", max_points="12"))

    assert response.status_code == 302
    assert node_of(SET, "HT1").max_points == Decimal(12)
    assert node_of(SET, "HT").full_max == 50  # the group's cap holds the total
    assert "max_total: 500" in fresh().source_yaml


def test_it_changes_a_rule_to_bands(administrator_client, world):
    data = node_data(SET, "HT1", rule_mode="bands", rule_bands="50 | 5\n80,5 | 10")

    response = administrator_client.post(url("HT1"), data)

    assert response.status_code == 302
    rule = node_of(SET, "HT1").rule
    assert isinstance(rule, RatioRule)
    assert rule.mode == "bands"
    assert [(b.at_least, b.points) for b in rule.bands] == [
        (Decimal(50), Decimal(5)),
        (Decimal("80.5"), Decimal(10)),
    ]
    assert rule.numerator_label == "Số CBCCVC được trang bị máy tính phục vụ công việc"


def test_it_changes_the_kind_of_rule_and_keeps_only_that_kinds_parameters(
    administrator_client, world
):
    data = node_data(
        SET,
        "HT5.1",
        rule_kind="option",
        rule_options="A | 4 | Có tường lửa phần cứng\nB | 2 | Chỉ có phần mềm\nC | 0 | Không có",
        rule_numerator="ignored: an option rule has no numerator",
    )

    response = administrator_client.post(url("HT5.1"), data)

    assert response.status_code == 302
    rule = node_of(SET, "HT5.1").rule
    assert isinstance(rule, OptionRule)
    assert [(o.code, o.points, o.label) for o in rule.options] == [
        ("A", Decimal(4), "Có tường lửa phần cứng"),
        ("B", Decimal(2), "Chỉ có phần mềm"),
        ("C", Decimal(0), "Không có"),
    ]
    assert "ignored" not in fresh().source_yaml


def test_it_sets_not_applicable_required_and_evidence(administrator_client, world):
    data = node_data(
        SET,
        "HT2",
        allow_na=True,
        required=False,
        evidence_required=True,
        evidence_documents="Danh sách máy tính kết nối Internet",
    )

    administrator_client.post(url("HT2"), data)

    node = node_of(SET, "HT2")
    assert node.allow_na is True
    assert node.required is False
    assert node.evidence.required is True
    assert node.evidence.documents == "Danh sách máy tính kết nối Internet"


def test_clearing_the_evidence_keeps_what_the_form_does_not_show(administrator_client, world):
    administrator_client.post(
        url("HT1"), node_data(SET, "HT1", evidence_required=False, evidence_documents="")
    )

    node = node_of(SET, "HT1")
    assert node.evidence.required is False
    assert node.evidence.documents == ""
    assert node.note == ""  # HT1 has none; HT4's note below is kept
    administrator_client.post(url("HT4"), node_data(SET, "HT4", name="Phòng chống mã độc"))
    assert node_of(SET, "HT4").note.startswith("The national method")


def test_it_renames_a_code(administrator_client, world):
    response = administrator_client.post(url("HT1"), node_data(SET, "HT1", code="HT1a"))

    assert response["Location"] == f"/criteria/{SET}/edit/#node-HT1a"
    assert node_of(SET, "HT1a").name == "Tỷ lệ CBCCVC được trang bị máy tính"


def test_the_audit_trail_holds_the_change_before_and_after(administrator_client, world):
    administrator_client.post(url("HT1"), node_data(SET, "HT1", max_points="12"))

    event = AuditEvent.objects.get(action="criteria_version.node_changed")
    assert event.actor == world.administrator
    assert event.target_id == str(fresh().pk)
    assert event.summary == "criterion HT1 changed"
    assert event.data["before"] == {"code": "HT1", "max_points": "10"}
    assert event.data["after"] == {"code": "HT1", "max_points": "12"}
    assert event.data["revision"] == 2


def test_an_unknown_node_is_not_found(administrator_client, world):
    assert administrator_client.get(url("NOPE")).status_code == 404


def test_only_the_chosen_kind_s_fields_are_shown(administrator_client, world):
    ratio = administrator_client.get(url("HT1")).content.decode()  # HT1 is a ratio
    assert 'name="rule_bands"' in ratio and 'name="rule_denominator_figure"' in ratio
    assert 'name="rule_yes_points"' not in ratio and 'name="rule_options"' not in ratio
    yes_no = administrator_client.get(url("HT3.1")).content.decode()
    assert 'name="rule_yes_points"' in yes_no and 'name="rule_bands"' not in yes_no


def test_choosing_another_kind_shows_its_fields_and_saves_nothing(administrator_client, world):
    # Without JavaScript: the kind step posts the form back with the new kind's fields.
    data = {**node_data(SET, "HT3.1", name="Đổi tên chưa lưu"), "rule_kind": "option"}
    response = administrator_client.post(url("HT3.1"), {**data, "choose_kind": "1"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="rule_options"' in html and 'name="rule_yes_points"' not in html
    assert "Đổi tên chưa lưu</textarea>" in html  # what was typed is kept
    assert "errorlist" not in html
    assert fresh().revision == 1
    # With HTMX only the rule's fields come back, to replace them in place.
    fragment = administrator_client.post(
        url("HT3.1"), {**data, "choose_kind": "1"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert fragment.startswith('<fieldset id="rule-fields"') and "<html" not in fragment
