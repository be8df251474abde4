"""A version used by a period that holds an answer is frozen: every edit is refused with a
message that says to copy it."""

import pytest

from egovrank.core.models import AuditEvent

from .helpers import SET, answer, fresh, node_data

pytestmark = pytest.mark.usefixtures("english")
MESSAGE = "hungyen-2018-khoi01 is frozen: a period using it already holds answers"

EDIT_PAGES = [
    f"/criteria/{SET}/edit/",
    f"/criteria/{SET}/edit/details/",
    f"/criteria/{SET}/edit/levels/",
    f"/criteria/{SET}/edit/add-group/",
    f"/criteria/{SET}/edit/node/HT1/",
    f"/criteria/{SET}/edit/node/HT1/add/",
    f"/criteria/{SET}/edit/node/HT1/move/",
    f"/criteria/{SET}/edit/node/HT1/delete/",
]


@pytest.mark.parametrize("url", EDIT_PAGES)
def test_every_edit_page_refuses_a_frozen_version(administrator_client, world, url):
    answer(world)

    response = administrator_client.get(url)

    assert response.status_code == 409
    text = response.content.decode()
    assert MESSAGE in text
    assert "Copy it to a new version and edit the copy." in text
    assert f'href="/criteria/{SET}/copy/"' in text


def test_an_edit_posted_to_a_frozen_version_is_refused_and_changes_nothing(
    administrator_client, world
):
    data = node_data(SET, "HT1", max_points="12")  # the page was opened before the answer
    answer(world)
    before = fresh().source_yaml

    response = administrator_client.post(f"/criteria/{SET}/edit/node/HT1/", data)

    assert response.status_code == 409
    assert MESSAGE in response.content.decode()
    assert fresh().source_yaml == before
    assert not AuditEvent.objects.filter(target_type="criteria.criteriaversion").exists()


def test_a_move_posted_to_a_frozen_version_is_refused(administrator_client, world):
    answer(world)

    response = administrator_client.post(
        f"/criteria/{SET}/edit/node/HT2/move/", {"revision": 1, "direction": "up"}
    )

    assert response.status_code == 409
    assert fresh().revision == 1


def test_the_version_page_says_it_is_frozen_and_offers_a_copy(administrator_client, world):
    answer(world)

    text = administrator_client.get(f"/criteria/{SET}/").content.decode()

    assert "Frozen." in text
    assert f'href="/criteria/{SET}/edit/"' not in text
    assert f'href="/criteria/{SET}/copy/"' in text


def test_a_version_in_use_without_answers_can_still_be_edited(administrator_client, world):
    text = administrator_client.get(f"/criteria/{SET}/edit/").content.decode()

    assert "The period of 2019 uses this version. No unit has answered yet" in text
