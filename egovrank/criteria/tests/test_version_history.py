"""The administrator sees a version's history on its page; nobody else does."""

import pytest
from django.test import Client

from .helpers import SET, node_data

pytestmark = pytest.mark.usefixtures("english")


def test_the_administrator_sees_who_changed_what(administrator_client, world):
    administrator_client.post(
        f"/criteria/{SET}/edit/node/HT1/", node_data(SET, "HT1", max_points="12")
    )

    text = administrator_client.get(f"/criteria/{SET}/").content.decode()

    assert "<h2>History</h2>" in text
    assert "Criterion HT1 changed" in text
    assert "Administrator" in text


@pytest.mark.parametrize("persona", ["anonymous", "provincial_reviewer", "unit_officer"])
def test_other_people_do_not_see_the_history(world, persona):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    if persona != "anonymous":
        client.force_login(world.people[persona])

    text = client.get(f"/criteria/{SET}/").content.decode()

    assert "<h2>History</h2>" not in text
    assert f"/criteria/{SET}/edit/" not in text


def test_the_history_is_said_in_vietnamese(world):
    from egovrank.testing.language import language_problems

    client = Client()  # the default language, Vietnamese
    client.force_login(world.administrator)
    client.post(f"/criteria/{SET}/edit/node/HT1/", node_data(SET, "HT1", max_points="12"))

    response = client.get(f"/criteria/{SET}/")

    assert "Sửa tiêu chí HT1" in response.content.decode()
    assert language_problems(response, data={world.administrator.get_full_name()}) == []
