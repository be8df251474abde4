"""The dashboard costs a fixed number of queries, however many units take part."""

import pytest
from django.urls import reverse

from egovrank.assessments.models import Assessment
from egovrank.orgs.choices import UnitKind
from egovrank.orgs.models import Unit
from egovrank.periods.models import Participant

pytestmark = pytest.mark.django_db


def add_communes(world, count):
    units = Unit.objects.bulk_create(
        Unit(
            code=f"9{index:04d}",
            name=f"Xã {index}",
            kind=UnitKind.COMMUNE,
            block=world.blocks["KHOI03"],
            parent=world.units["vanlam" if index % 2 else "vangiang"],
        )
        for index in range(count)
    )
    participants = Participant.objects.bulk_create(
        Participant(
            period=world.period,
            unit=unit,
            block=world.blocks["KHOI03"],
            reviewer_unit=world.units["vanlam" if index % 2 else "vangiang"],
            unit_code=unit.code,
            unit_name=unit.name,
        )
        for index, unit in enumerate(units)
    )
    Assessment.objects.bulk_create(
        Assessment(participant=participant, state=["draft", "submitted"][index % 2])
        for index, participant in enumerate(participants)
        if index % 3
    )


@pytest.mark.parametrize("persona", ["administrator", "district_reviewer"])
def test_the_dashboard_does_not_grow_with_the_participants(
    world, client_as, django_assert_max_num_queries, persona
):
    client = client_as(persona)
    url = reverse("periods:dashboard", kwargs={"year": 2019})
    # One form started, so that the first count includes reading answers and evidence.
    Assessment.objects.create(participant=world.participants["lacdao"], state="draft")
    client.get(url)  # parse the criteria sets once
    with django_assert_max_num_queries(100) as few:
        client.get(url)
    add_communes(world, 150)
    with django_assert_max_num_queries(len(few)):
        response = client.get(url)
    assert response.status_code == 200
    assert response.context["blocks"][-1].total.total > 70  # the new communes are in


def test_the_period_page_does_not_grow_with_the_participants(
    world, client_as, django_assert_max_num_queries
):
    client = client_as("administrator")
    url = reverse("periods:detail", kwargs={"year": 2019})
    with django_assert_max_num_queries(100) as few:
        client.get(url)
    add_communes(world, 150)
    with django_assert_max_num_queries(len(few)):
        assert client.get(url).status_code == 200
