"""The administrator links a unit to its successor; the link is shown on both units."""

import pytest
from django.urls import reverse

from egovrank.core.models import AuditEvent
from egovrank.orgs.models import UnitSuccession

pytestmark = pytest.mark.django_db


def add(client, code, **data):
    return client.post(reverse("orgs:add_successor", kwargs={"code": code}), data)


def test_it_records_a_merger_and_shows_it_on_both_units(world, administrator_client):
    response = add(
        administrator_client, "11992", successor="11989", kind="merged", year=2025, note="NQ 1665"
    )
    assert response.status_code == 302
    link = UnitSuccession.objects.get()
    assert (link.predecessor.code, link.successor.code, link.year) == ("11992", "11989", 2025)
    assert (
        "Xã Lạc Đạo"
        in administrator_client.get(
            reverse("orgs:detail", kwargs={"code": "11992"})
        ).content.decode()
    )
    assert (
        "Xã Chỉ Đạo"
        in administrator_client.get(
            reverse("orgs:detail", kwargs={"code": "11989"})
        ).content.decode()
    )
    event = AuditEvent.objects.get(action="unit.succession_added")
    assert event.actor == world.administrator and event.data["successor"] == "11989"


@pytest.mark.parametrize(
    ("successor", "problem"),
    [("no-such", "No unit has the code"), ("11992", "cannot succeed itself")],
)
def test_it_refuses_a_bad_successor_and_says_why(world, administrator_client, successor, problem):
    response = add(administrator_client, "11992", successor=successor, kind="merged", year=2025)
    assert response.status_code == 400
    assert problem in str(response.context["succession_form"].errors["successor"])
    assert not UnitSuccession.objects.exists()


def test_the_same_link_is_not_recorded_twice(world, administrator_client):
    add(administrator_client, "11992", successor="11989", kind="merged", year=2025)
    response = add(administrator_client, "11992", successor="11989", kind="merged", year=2025)
    assert response.status_code == 400
    assert UnitSuccession.objects.count() == 1
