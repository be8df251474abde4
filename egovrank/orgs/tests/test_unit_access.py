"""Each persona sees exactly its share of the units: in lists, exports and pages."""

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse

from egovrank.orgs.access import access_unit, units_visible_to

pytestmark = pytest.mark.django_db

VISIBLE = {
    "outsider": set(),
    "administrator": {"33", "K01-11", "K01-05", "K01-09", "325", "326", "11989", "11992", "12022"},
    "provincial_reviewer": {
        "33",
        "K01-11",
        "K01-05",
        "K01-09",
        "325",
        "326",
        "11989",
        "11992",
        "12022",
    },
    "district_reviewer": {"325", "11989", "11992"},
    "unit_officer": {"K01-05"},
    "unit_head": {"K01-05"},
    "commune_officer": {"11989"},
}


@pytest.mark.parametrize("persona", list(VISIBLE))
def test_it_shows_each_persona_its_own_units(world, persona):
    person = world.people[persona]
    assert set(units_visible_to(person).values_list("code", flat=True)) == VISIBLE[persona]


@pytest.mark.parametrize("persona", ["district_reviewer", "unit_officer", "commune_officer"])
def test_the_list_and_the_export_hold_only_visible_units(world, persona):
    client = Client()
    client.force_login(world.people[persona])
    page = client.get(reverse("orgs:list")).content.decode()
    exported = client.get(reverse("orgs:export", kwargs={"fmt": "csv"})).content.decode("utf-8-sig")
    codes = {row["Mã"] for row in csv.DictReader(io.StringIO(exported))}  # in Vietnamese
    assert codes == VISIBLE[persona]
    for code in VISIBLE["administrator"] - VISIBLE[persona]:
        assert f'href="/units/{code}/"' not in page


def test_a_hidden_unit_answers_like_a_missing_one(world):
    client = Client()
    client.force_login(world.commune_officer)
    hidden = client.get(reverse("orgs:detail", kwargs={"code": "11992"}))
    missing = client.get(reverse("orgs:detail", kwargs={"code": "no-such"}))
    assert hidden.status_code == missing.status_code == 404
    assert [t.name for t in hidden.templates] == [t.name for t in missing.templates]
    assert "Chỉ Đạo" not in hidden.content.decode()


def test_an_inactive_person_sees_nothing(world):
    world.administrator.is_active = False
    world.administrator.save()
    assert not units_visible_to(world.administrator).exists()


def test_access_unit_raises_404_outside_the_district(world):
    from django.http import Http404

    assert access_unit(world.district_reviewer, "11989").code == "11989"
    with pytest.raises(Http404):
        access_unit(world.district_reviewer, "12022")


def test_a_person_with_several_roles_sees_the_union(world):
    from egovrank.accounts.models import RoleAssignment
    from egovrank.core.roles import Role

    reviewer = world.district_reviewer
    RoleAssignment.objects.create(user=reviewer, role=Role.UNIT_OFFICER, unit=world.units["sotc"])
    reviewer = type(reviewer).objects.get(pk=reviewer.pk)  # roles are read once per request
    visible = set(units_visible_to(reviewer).values_list("code", flat=True))
    assert visible == VISIBLE["district_reviewer"] | {"K01-05"}
