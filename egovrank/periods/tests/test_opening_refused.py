"""A period opens only when it has its deadline, its units and a version per block; a
refusal lists everything still missing."""

import pytest
from django.urls import reverse

from egovrank.criteria.models import CriteriaVersion
from egovrank.periods.actions import do_add_participants, do_set_block_version, do_set_deadlines
from egovrank.periods.choices import PeriodState

from .helpers import said

pytestmark = pytest.mark.django_db


def open_(client, period):
    return client.post(
        reverse("periods:change_state", kwargs={"year": period.year}),
        {"to_state": PeriodState.SELF_ASSESSMENT},
    )


def test_an_empty_period_lists_the_deadline_and_the_units(world, client_as, draft):
    response = open_(client_as("administrator"), draft)
    assert response.status_code == 302
    message = said(response)
    assert message == (
        "The period cannot open yet: Set the self-assessment deadline. Add the units taking part."
    )
    draft.refresh_from_db()
    assert draft.state == PeriodState.DRAFT
    assert draft.opened_at is None


def test_it_names_each_block_without_a_version(world, client_as, draft):
    admin = world.administrator
    do_add_participants(draft, [world.units["sotc"], world.units["lacdao"]], actor=admin)
    version = CriteriaVersion.objects.get(set_id="hungyen-2018-khoi01")
    do_set_block_version(draft, world.blocks["KHOI01"], version, actor=admin)
    response = open_(client_as("administrator"), draft)
    message = said(response)
    assert "Set the self-assessment deadline." in message
    assert "Choose the criteria-set version of Khối 03." in message
    assert "Khối 01" not in message
    assert "Add the units taking part." not in message


def test_the_draft_page_lists_what_is_missing_before_anyone_tries(world, client_as, draft):
    page = client_as("administrator").get(reverse("periods:detail", kwargs={"year": 2020}))
    assert page.context["opening_problems"] == [
        "Set the self-assessment deadline.",
        "Add the units taking part.",
    ]


def test_it_opens_once_nothing_is_missing(world, client_as, draft):
    admin = world.administrator
    do_add_participants(draft, [world.units["sotc"]], actor=admin)
    version = CriteriaVersion.objects.get(set_id="hungyen-2018-khoi01")
    do_set_block_version(draft, world.blocks["KHOI01"], version, actor=admin)
    do_set_deadlines(
        draft,
        actor=admin,
        self_assessment_deadline=world.period.self_assessment_deadline,
        review_deadline=None,
        revision_deadline=None,
    )
    response = open_(client_as("administrator"), draft)
    assert said(response) == "The period is now “Open for self-assessment”."
    draft.refresh_from_db()
    assert draft.state == PeriodState.SELF_ASSESSMENT
    assert draft.opened_at is not None
