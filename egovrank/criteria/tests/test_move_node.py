"""Moving a node up or down among its siblings, or to another parent."""

import pytest

from egovrank.core.models import AuditEvent

from .helpers import SET, fresh, node_of

pytestmark = pytest.mark.usefixtures("english")


def move(client, code, **data):
    return client.post(
        f"/criteria/{SET}/edit/node/{code}/move/", {"revision": fresh().revision, **data}
    )


def codes(parent):
    return [child.code for child in node_of(SET, parent).children]


def test_it_moves_a_node_up_and_down(administrator_client, world):
    assert move(administrator_client, "HT2", direction="up").status_code == 302
    assert codes("HT")[:2] == ["HT2", "HT1"]

    assert move(administrator_client, "HT2", direction="down").status_code == 302
    assert codes("HT")[:2] == ["HT1", "HT2"]
    assert fresh().revision == 3
    assert AuditEvent.objects.filter(action="criteria_version.node_moved").count() == 2


def test_the_first_node_cannot_move_up(administrator_client, world):
    response = move(administrator_client, "HT1", direction="up")

    assert response.status_code == 400
    assert "HT1 is already the first of its group." in response.content.decode()
    assert fresh().revision == 1


def test_it_moves_a_node_to_another_parent(administrator_client, world):
    response = move(administrator_client, "TT3", parent="HT")

    assert response.status_code == 302
    assert codes("HT")[-1] == "TT3"
    assert "TT3" not in codes("TT")
    event = AuditEvent.objects.get(action="criteria_version.node_moved")
    assert (event.data["before"], event.data["after"]) == ({"parent": "TT"}, {"parent": "HT"})


def test_it_moves_a_node_to_the_top_level(administrator_client, world):
    move(administrator_client, "TT3", parent="")

    assert fresh().source_yaml.index("code: TT3") > fresh().source_yaml.index("code: NL")


def test_the_move_page_offers_every_place_but_the_node_itself_and_its_parent(
    administrator_client, world
):
    text = administrator_client.get(f"/criteria/{SET}/edit/node/HT5/move/").content.decode()

    assert '<option value="UD">' in text
    assert '<option value="HT5.1">' not in text  # under itself
    assert '<option value="HT">' not in text  # already there


def test_a_node_cannot_move_under_itself(administrator_client, world):
    response = move(administrator_client, "HT5", parent="HT5.1")

    assert response.status_code == 400  # not a choice the form offers
    assert fresh().revision == 1


def test_a_move_that_breaks_a_cap_is_refused_and_changes_nothing(administrator_client, world):
    before = fresh().source_yaml

    response = move(administrator_client, "HT5.3", parent="HT4")

    assert response.status_code == 400
    text = response.content.decode()
    assert "the children&#x27;s maxima add up to 3, less than this maximum 10" in text
    assert "the children&#x27;s maxima add up to 7, less than this maximum 10" in text
    assert fresh().source_yaml == before
