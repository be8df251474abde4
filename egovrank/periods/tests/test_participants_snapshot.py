"""Opening a period copies each unit's code and name: later renames leave the period's
list as it was."""

import pytest
from django.urls import reverse

from egovrank.criteria.models import CriteriaVersion
from egovrank.periods.actions import (
    do_add_participants,
    do_change_state,
    do_set_block_version,
    do_set_deadlines,
)

pytestmark = pytest.mark.django_db


def open_with(world, period, units):
    admin = world.administrator
    do_add_participants(period, units, actor=admin)
    version = CriteriaVersion.objects.get(set_id="hungyen-2018-khoi03")
    do_set_block_version(period, world.blocks["KHOI03"], version, actor=admin)
    do_set_deadlines(
        period,
        actor=admin,
        self_assessment_deadline=world.period.self_assessment_deadline,
        review_deadline=None,
        revision_deadline=None,
    )
    do_change_state(period, "self_assessment", actor=admin)


def test_a_rename_after_opening_leaves_the_period_with_the_old_name(world, client_as, draft):
    lacdao = world.units["lacdao"]
    open_with(world, draft, [lacdao])
    lacdao.name = "Phường Lạc Đạo"
    lacdao.save()
    response = client_as("administrator").get(reverse("periods:detail", kwargs={"year": 2020}))
    page = response.content.decode()
    assert "Xã Lạc Đạo" in page
    assert "Phường Lạc Đạo" not in page
    assert draft.participants.get().unit_name == "Xã Lạc Đạo"


def test_a_rename_before_opening_is_taken_in_when_it_opens(world, draft):
    lacdao = world.units["lacdao"]
    do_add_participants(draft, [lacdao], actor=world.administrator)
    lacdao.name = "Phường Lạc Đạo"
    lacdao.save()
    open_with(world, draft, [])
    assert draft.participants.get().unit_name == "Phường Lạc Đạo"
