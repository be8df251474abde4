"""An edit made from a page opened before someone else's change is refused."""

import pytest
from django.test import Client

from egovrank.accounts.models import RoleAssignment
from egovrank.core.roles import Role

from .helpers import SET, fresh, node_data, node_of

pytestmark = pytest.mark.usefixtures("english")
URL = f"/criteria/{SET}/edit/node/HT1/"


def test_a_stale_edit_is_refused_naming_who_changed_it_and_changes_nothing(
    administrator_client, world
):
    opened = node_data(SET, "HT1", name="Tên của tôi")  # revision 1 on the page
    colleague = world.provincial_reviewer
    RoleAssignment.objects.create(user=colleague, role=Role.ADMINISTRATOR)
    other = Client(HTTP_ACCEPT_LANGUAGE="en")
    other.force_login(colleague)
    assert other.post(URL, node_data(SET, "HT1", name="Tên của đồng nghiệp")).status_code == 302

    response = administrator_client.post(URL, opened)

    assert response.status_code == 409
    text = response.content.decode()
    assert "This version was changed by Provincial Reviewer at " in text
    assert "since you opened it; nothing was saved. Reload the page" in text
    assert node_of(SET, "HT1").name == "Tên của đồng nghiệp"
    assert fresh().revision == 2


def test_a_stale_move_is_refused(administrator_client, world):
    administrator_client.post(
        f"/criteria/{SET}/edit/node/HT2/move/", {"revision": 1, "direction": "up"}
    )

    response = administrator_client.post(
        f"/criteria/{SET}/edit/node/HT2/move/", {"revision": 1, "direction": "down"}
    )

    assert response.status_code == 409
    assert [c.code for c in node_of(SET, "HT").children][:2] == ["HT2", "HT1"]


def test_a_stale_deletion_is_refused(administrator_client, world):
    administrator_client.post(URL, node_data(SET, "HT1", guidance="Mới"))

    response = administrator_client.post(f"/criteria/{SET}/edit/node/TT3/delete/", {"revision": 1})

    assert response.status_code == 409
    assert node_of(SET, "TT3") is not None
