"""Deleting a node and everything under it."""

import pytest

from egovrank.core.models import AuditEvent

from .helpers import SET, fresh, node_of

pytestmark = pytest.mark.usefixtures("english")


def delete(client, code):
    return client.post(f"/criteria/{SET}/edit/node/{code}/delete/", {"revision": fresh().revision})


def test_the_page_asks_before_deleting_and_counts_what_goes_with_it(administrator_client, world):
    text = administrator_client.get(f"/criteria/{SET}/edit/node/TT/delete/").content.decode()

    assert "Delete TT Thông tin chung?" in text
    assert "Its 3 sub-criteria are deleted with it." in text


def test_it_deletes_a_node_with_everything_under_it(administrator_client, world):
    response = delete(administrator_client, "TT")

    assert response.status_code == 302
    assert "code: TT1" not in fresh().source_yaml
    assert "max_total: 500" in fresh().source_yaml
    event = AuditEvent.objects.get(action="criteria_version.node_deleted")
    assert event.data["before"]["node"]["code"] == "TT"
    assert len(event.data["before"]["node"]["children"]) == 3


def test_a_deletion_that_leaves_a_cap_unreachable_is_refused(administrator_client, world):
    response = delete(administrator_client, "HT5.3")

    assert response.status_code == 400
    assert "the children&#x27;s maxima add up to 7, less than this maximum 10" in (
        response.content.decode()
    )
    assert node_of(SET, "HT5.3").max_points == 3
    assert not AuditEvent.objects.filter(action="criteria_version.node_deleted").exists()


def test_deleting_the_only_sub_criterion_asks_the_group_for_a_rule(administrator_client, world):
    for code in ("TT1", "TT2"):
        assert delete(administrator_client, code).status_code == 302

    response = delete(administrator_client, "TT3")

    assert response.status_code == 400
    assert "a criterion without sub-criteria needs a rule" in response.content.decode()
