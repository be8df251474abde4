"""Who is told: a unit's officers and head, and the reviewers of the unit that
reviews it (its district for a commune before 2025, Sở TT&TT otherwise)."""

import pytest

from egovrank.accounts.models import RoleAssignment
from egovrank.core.roles import Role
from egovrank.notifications.recipients import (
    district_reviewers,
    province_staff,
    reviewers_of,
    unit_people,
)
from egovrank.testing.world import make_person

pytestmark = pytest.mark.django_db


def test_it_tells_the_district_reviewer_of_van_lam_about_lac_dao(world):
    assert reviewers_of(world.participants["lacdao"]) == [world.district_reviewer]


def test_it_does_not_tell_van_lams_reviewer_about_a_van_giang_commune(world):
    van_giang_reviewer = make_person(
        "van_giang_reviewer", (Role.DISTRICT_REVIEWER, world.units["vangiang"])
    )
    assert reviewers_of(world.participants["xuanquan"]) == [van_giang_reviewer]
    assert world.district_reviewer not in reviewers_of(world.participants["xuanquan"])


def test_it_tells_the_provincial_reviewers_about_departments_and_districts(world):
    second = make_person("second_reviewer", (Role.PROVINCIAL_REVIEWER, None))
    for key in ("sotc", "vanlam"):
        assert reviewers_of(world.participants[key]) == [world.provincial_reviewer, second]


def test_it_tells_the_units_officers_and_head_once_each(world):
    # The head also holds the officer role: one notice, not two.
    RoleAssignment.objects.create(
        user=world.unit_head, role=Role.UNIT_OFFICER, unit=world.units["sotc"]
    )
    people = unit_people(world.units["sotc"].pk)
    assert sorted(person.username for person in people) == ["unit_head", "unit_officer"]


def test_it_leaves_out_people_whose_account_is_disabled(world):
    world.unit_officer.is_active = False
    world.unit_officer.save()
    assert unit_people(world.units["sotc"].pk) == [world.unit_head]


def test_it_tells_a_districts_reviewers_and_the_province_staff(world):
    assert district_reviewers(world.units["vanlam"].pk) == [world.district_reviewer]
    assert district_reviewers(world.units["vangiang"].pk) == []
    assert sorted(person.username for person in province_staff()) == [
        "administrator",
        "provincial_reviewer",
    ]
