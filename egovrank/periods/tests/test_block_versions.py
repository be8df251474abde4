"""The administrator picks each block's criteria-set version while the period is a
draft; the versions made for the block are offered first."""

import pytest
from django.urls import reverse

from egovrank.core.models import AuditEvent
from egovrank.criteria.models import CriteriaVersion

from .helpers import said

pytestmark = pytest.mark.django_db


def choose(client, year, block, set_id):
    return client.post(
        reverse("periods:set_version", kwargs={"year": year}), {"block": block, "version": set_id}
    )


def test_it_sets_and_changes_a_blocks_version(world, client_as, draft):
    admin = client_as("administrator")
    response = choose(admin, 2020, "KHOI01", "hungyen-2018-khoi01")
    assert said(response) == "Khối 01 will use the chosen version."
    assert draft.blocks.get().version.set_id == "hungyen-2018-khoi01"
    # Any version may be chosen, not only those made for the block.
    choose(admin, 2020, "KHOI01", "hungyen-2018-khoi02")
    assert draft.blocks.get().version.set_id == "hungyen-2018-khoi02"
    events = AuditEvent.objects.filter(action="period.version_set").order_by("id")
    assert [e.data for e in events] == [
        {"block": "KHOI01", "before": None, "after": "hungyen-2018-khoi01"},
        {"block": "KHOI01", "before": "hungyen-2018-khoi01", "after": "hungyen-2018-khoi02"},
    ]


def test_the_blocks_own_versions_come_first(world, client_as, draft):
    response = client_as("administrator").get(reverse("periods:detail", kwargs={"year": 2020}))
    forms = {entry.block.code: entry.version_form for entry in response.context["blocks"]}
    assert set(forms) == {"KHOI01", "KHOI02", "KHOI03"}
    ours, others = forms["KHOI03"].fields["version"].choices[1:]
    assert [set_id for set_id, _ in ours[1]] == ["hungyen-2018-khoi03"]
    assert {set_id for set_id, _ in others[1]} == {"hungyen-2018-khoi01", "hungyen-2018-khoi02"}


def test_an_unknown_version_is_named(world, client_as, draft):
    response = choose(client_as("administrator"), 2020, "KHOI01", "no-such-set")
    assert response.status_code == 400
    assert "Select a valid choice." in response.content.decode()
    assert not draft.blocks.exists()


def test_an_open_period_keeps_its_versions(world, client_as):
    response = choose(client_as("administrator"), 2019, "KHOI01", "hungyen-2018-khoi02")
    assert said(response) == "The period is open: its blocks and participants can no longer change."
    assert world.period.blocks.get(block__code="KHOI01").version == CriteriaVersion.objects.get(
        set_id="hungyen-2018-khoi01"
    )


def test_the_page_links_each_blocks_version(world, client_as):
    page = client_as("unit_officer").get(reverse("periods:detail", kwargs={"year": 2019}))
    text = page.content.decode()
    for number in (1, 2, 3):
        set_id = f"hungyen-2018-khoi0{number}"
        assert reverse("criteria:detail", kwargs={"set_id": set_id}) in text
