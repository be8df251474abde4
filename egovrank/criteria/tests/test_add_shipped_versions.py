"""The administrator's button that stores the sets shipped with egovrank."""

import pytest
from django.test import Client

from egovrank.core.models import AuditEvent
from egovrank.criteria.models import CriteriaVersion
from egovrank.scoring.catalogue import packaged_set_text

pytestmark = pytest.mark.usefixtures("english")
URL = "/criteria/versions/add-shipped/"


def test_it_stores_every_shipped_set_when_none_is_there(db, english):
    from egovrank.testing.world import make_world

    world = make_world()
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(world.administrator)

    response = client.post(URL, follow=True)

    assert response.status_code == 200
    assert "3 shipped sets added" in response.content.decode()
    stored = {v.set_id: v for v in CriteriaVersion.objects.all()}
    assert sorted(stored) == ["hungyen-2018-khoi01", "hungyen-2018-khoi02", "hungyen-2018-khoi03"]
    assert stored["hungyen-2018-khoi02"].source_yaml == packaged_set_text("hungyen-2018-khoi02")
    events = AuditEvent.objects.filter(action="criteria_version.imported")
    assert events.count() == 3
    assert {event.actor for event in events} == {world.administrator}


def test_it_adds_nothing_when_every_shipped_set_is_stored(administrator_client, world):
    response = administrator_client.post(URL, follow=True)

    assert "Every shipped set is stored already; nothing was added." in response.content.decode()
    assert CriteriaVersion.objects.count() == 3
    assert not AuditEvent.objects.filter(action="criteria_version.imported").exists()


def test_only_the_administrator_sees_the_button(client, administrator_client, world):
    assert URL in administrator_client.get("/criteria/").content.decode()
    assert URL not in client.get("/criteria/").content.decode()
