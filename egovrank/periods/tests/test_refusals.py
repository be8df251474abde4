"""Only the administrator changes a period: everyone else reads, and is refused."""

import pytest
from django.urls import reverse

from egovrank.core.models import AuditEvent

pytestmark = pytest.mark.django_db

POSTS = [
    ("periods:deadlines", {"self_assessment_deadline": "2019-04-30T17:00"}),
    ("periods:set_version", {"block": "KHOI01", "version": "hungyen-2018-khoi01"}),
    ("periods:add_participants", {"all": "1"}),
    ("periods:change_state", {"to_state": "review"}),
    ("periods:extend", {"participant": "1", "until": "2019-05-30T17:00", "reason": "x"}),
]


@pytest.mark.parametrize("persona", ["provincial_reviewer", "district_reviewer", "unit_head"])
@pytest.mark.parametrize(("url_name", "data"), POSTS)
def test_it_refuses_other_roles_and_changes_nothing(world, client_as, persona, url_name, data):
    before = AuditEvent.objects.count()
    response = client_as(persona).post(reverse(url_name, kwargs={"year": 2019}), data)
    assert response.status_code == 403
    assert AuditEvent.objects.count() == before
    world.period.refresh_from_db()
    assert world.period.state == "self_assessment"


def test_it_refuses_a_removal_by_another_role(world, client_as, draft):
    from egovrank.periods.actions import do_add_participants

    [participant] = do_add_participants(draft, [world.units["sotc"]], actor=world.administrator)
    url = reverse("periods:remove_participant", kwargs={"year": 2020, "pk": participant.pk})
    assert client_as("provincial_reviewer").post(url).status_code == 403
    assert draft.participants.count() == 1


def test_the_page_has_no_forms_for_other_roles(world, client_as, draft):
    for year in (2019, 2020):
        response = client_as("provincial_reviewer").get(
            reverse("periods:detail", kwargs={"year": year})
        )
        page = response.content.decode()
        assert response.status_code == 200
        assert 'method="post" action="/periods/' not in page
        assert "state_forms" not in response.context


def test_people_without_a_role_cannot_read_periods(world, client_as):
    client = client_as("outsider")
    assert client.get(reverse("periods:list")).status_code == 403
    assert client.get(reverse("periods:detail", kwargs={"year": 2019})).status_code == 403
