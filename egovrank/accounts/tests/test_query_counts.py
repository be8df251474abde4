"""The people list costs a fixed number of queries, however many people there are."""

import pytest
from django.test import Client
from django.urls import reverse

from egovrank.accounts.models import RoleAssignment, User
from egovrank.core.roles import Role

pytestmark = pytest.mark.django_db


def test_the_people_list_does_not_grow_with_the_people(world, django_assert_max_num_queries):
    for index in range(100):
        person = User.objects.create(username=f"canbo{index}", unit=world.units["sotc"])
        RoleAssignment.objects.create(user=person, role=Role.UNIT_OFFICER, unit=world.units["sotc"])
    client = Client()
    client.force_login(world.administrator)
    # Session (read and renewal), user, roles, the page: a fixed number.
    with django_assert_max_num_queries(10):
        assert client.get(reverse("people:list")).status_code == 200
