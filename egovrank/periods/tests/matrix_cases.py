"""Who may open the period pages. Everyone with a role reads periods; only the
administrator changes them; the dashboard is for the province's staff and the district
reviewers (who see their own communes there)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from egovrank.testing.matrix import (
    ADMINISTRATOR,
    ADMINISTRATOR_POST,
    NOT_FOR_ROLES_404,
    POST_ONLY,
    WITH_A_ROLE,
    Case,
    expect,
)
from egovrank.testing.world import World

DRAFT_YEAR = 2020

# The administrator's forms as other people meet them: no role, no entry.
ADMINISTRATOR_400 = expect(403, anonymous=302, administrator=400)
ADMINISTRATOR_404 = expect(403, anonymous=302, administrator=404)
DASHBOARD = expect(
    403, anonymous=302, administrator=200, provincial_reviewer=200, district_reviewer=200
)
DASHBOARD_404 = expect(
    403, anonymous=302, administrator=404, provincial_reviewer=404, district_reviewer=404
)

DASHBOARD_POSTED = expect(
    403, anonymous=302, administrator=302, provincial_reviewer=302, district_reviewer=302
)
DASHBOARD_400 = expect(
    403, anonymous=302, administrator=400, provincial_reviewer=400, district_reviewer=400
)


def open_period(world: World) -> dict[str, Any]:
    return {"year": world.period.year}


def missing_period(world: World) -> dict[str, Any]:
    return {"year": 1999}


def draft_period(world: World) -> dict[str, Any]:
    """A 2020 draft with Sở Xây dựng taking part (made once per test)."""
    from egovrank.periods.actions import do_add_participants, do_create_period
    from egovrank.periods.models import Period

    if not Period.objects.filter(year=DRAFT_YEAR).exists():
        period = do_create_period(DRAFT_YEAR, "Năm 2020", actor=world.administrator)
        do_add_participants(period, [world.units["soxd"]], actor=world.administrator)
    return {"year": DRAFT_YEAR}


def draft_participant(world: World) -> dict[str, Any]:
    from egovrank.periods.models import Participant

    kwargs = draft_period(world)
    participant = Participant.objects.get(period__year=DRAFT_YEAR)
    return {**kwargs, "pk": participant.pk}


def open_participant(world: World) -> dict[str, Any]:
    return {"year": world.period.year, "pk": world.participants["soxd"].pk}


def local(moment: Any) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def extension(world: World) -> dict[str, Any]:
    until = world.period.self_assessment_deadline + timedelta(days=7)
    return {
        "participant": world.participants["lacdao"].pk,
        "until": local(until),
        "reason": "Lũ lụt",
    }


def not_ranked(world: World) -> dict[str, Any]:
    return {
        "participant": world.participants["lacdao"].pk,
        "ranked": "0",
        "reason": "Không có thủ tục hành chính",
    }


CASES: list[Case] = [
    Case("periods:list", WITH_A_ROLE),
    Case("periods:create", ADMINISTRATOR),
    Case(
        "periods:create",
        ADMINISTRATOR_POST,
        "a new year",
        method="post",
        data=lambda w: {"year": 2021, "title": "Năm 2021"},
    ),
    Case(
        "periods:create",
        ADMINISTRATOR_400,
        "a year that has one",
        method="post",
        data=lambda w: {"year": 2019, "title": "Năm 2019"},
    ),
    Case("periods:detail", WITH_A_ROLE, "open period", open_period),
    Case("periods:detail", WITH_A_ROLE, "draft period", draft_period),
    Case("periods:detail", NOT_FOR_ROLES_404, "missing", missing_period),
    Case("periods:dashboard", DASHBOARD, "open period", open_period),
    Case("periods:dashboard", DASHBOARD, "draft period", draft_period),
    Case("periods:dashboard", DASHBOARD_404, "missing", missing_period),
    Case("periods:dashboard_export", DASHBOARD, "open period", open_period),
    Case("periods:dashboard_export", DASHBOARD, "draft period", draft_period),
    Case("periods:dashboard_export", DASHBOARD_404, "missing", missing_period),
    # Reminding now: the confirmation, then the post; a unit outside the person's share
    # answers 404, a post naming no unit 400.
    Case("periods:remind", DASHBOARD, "every late unit", open_period),
    Case(
        "periods:remind",
        {**DASHBOARD, "district_reviewer": 404},
        "a department",
        open_period,
        data=lambda w: {"unit": w.units["sotc"].code},
    ),
    Case("periods:remind", DASHBOARD_404, "missing", missing_period),
    Case(
        "periods:remind",
        DASHBOARD_POSTED,
        "a commune",
        open_period,
        "post",
        data=lambda w: {"unit": w.units["lacdao"].code},
    ),
    Case(
        "periods:remind",
        {**DASHBOARD_POSTED, "district_reviewer": 404},
        "a department",
        open_period,
        "post",
        data=lambda w: {"unit": w.units["sotc"].code},
    ),
    Case("periods:remind", DASHBOARD_400, "no unit named", open_period, "post"),
    Case("periods:remind", DASHBOARD_404, "missing", missing_period, "post"),
    # The administrator's forms only take POST.
    Case("periods:deadlines", POST_ONLY, "open period", open_period),
    Case("periods:set_version", POST_ONLY, "draft period", draft_period),
    Case("periods:add_participants", POST_ONLY, "draft period", draft_period),
    Case("periods:remove_participant", POST_ONLY, "draft period", draft_participant),
    Case("periods:change_state", POST_ONLY, "open period", open_period),
    Case("periods:extend", POST_ONLY, "open period", open_period),
    Case("periods:ranking", POST_ONLY, "open period", open_period),
    # Deadlines.
    Case(
        "periods:deadlines",
        ADMINISTRATOR_POST,
        "open period",
        open_period,
        "post",
        lambda w: {"self_assessment_deadline": "2019-04-30T17:00"},
    ),
    Case(
        "periods:deadlines",
        ADMINISTRATOR_400,
        "not a date",
        open_period,
        "post",
        lambda w: {"self_assessment_deadline": "30 April"},
    ),
    Case("periods:deadlines", ADMINISTRATOR_404, "missing", missing_period, "post"),
    # A block's version.
    Case(
        "periods:set_version",
        ADMINISTRATOR_POST,
        "draft period",
        draft_period,
        "post",
        lambda w: {"block": "KHOI01", "version": "hungyen-2018-khoi01"},
    ),
    Case(
        "periods:set_version",
        ADMINISTRATOR_POST,
        "open period (refused, said in a message)",
        open_period,
        "post",
        lambda w: {"block": "KHOI01", "version": "hungyen-2018-khoi01"},
    ),
    Case("periods:set_version", ADMINISTRATOR_400, "no version", draft_period, "post"),
    Case("periods:set_version", ADMINISTRATOR_404, "missing", missing_period, "post"),
    # Participants.
    Case(
        "periods:add_participants",
        ADMINISTRATOR_POST,
        "every unit",
        draft_period,
        "post",
        lambda w: {"all": "1"},
    ),
    Case(
        "periods:add_participants",
        ADMINISTRATOR_400,
        "an unknown code",
        draft_period,
        "post",
        lambda w: {"code": "no-such-unit"},
    ),
    Case("periods:add_participants", ADMINISTRATOR_404, "missing", missing_period, "post"),
    Case(
        "periods:remove_participant", ADMINISTRATOR_POST, "draft period", draft_participant, "post"
    ),
    Case(
        "periods:remove_participant",
        ADMINISTRATOR_POST,
        "open period (refused, said in a message)",
        open_participant,
        "post",
    ),
    Case(
        "periods:remove_participant",
        ADMINISTRATOR_404,
        "not a participant",
        lambda w: {"year": w.period.year, "pk": 999_999},
        "post",
    ),
    # States.
    # Closing the self-assessment: first the step listing the units that still have
    # time, then the confirmed move (with the reason cutting them off needs).
    Case(
        "periods:change_state",
        expect(403, anonymous=302, administrator=200),
        "open period to review, confirmation step",
        open_period,
        "post",
        lambda w: {"to_state": "review"},
    ),
    Case(
        "periods:change_state",
        ADMINISTRATOR_400,
        "open period to review, units cut off without a reason",
        open_period,
        "post",
        lambda w: {"to_state": "review", "confirmed": "yes"},
    ),
    Case(
        "periods:change_state",
        ADMINISTRATOR_POST,
        "open period to review, confirmed with a reason",
        open_period,
        "post",
        lambda w: {"to_state": "review", "confirmed": "yes", "reason": "Chỉ đạo của UBND tỉnh"},
    ),
    Case(
        "periods:change_state",
        ADMINISTRATOR_400,
        "no such move",
        open_period,
        "post",
        lambda w: {"to_state": "published"},
    ),
    Case("periods:change_state", ADMINISTRATOR_404, "missing", missing_period, "post"),
    # Extensions.
    Case("periods:extend", ADMINISTRATOR_POST, "open period", open_period, "post", extension),
    Case(
        "periods:extend",
        ADMINISTRATOR_400,
        "no reason",
        open_period,
        "post",
        lambda w: {**extension(w), "reason": ""},
    ),
    Case("periods:extend", ADMINISTRATOR_404, "missing", missing_period, "post"),
    # Units evaluated but not ranked.
    Case("periods:ranking", ADMINISTRATOR_POST, "open period", open_period, "post", not_ranked),
    Case(
        "periods:ranking",
        ADMINISTRATOR_400,
        "no reason",
        open_period,
        "post",
        lambda w: {**not_ranked(w), "reason": ""},
    ),
    Case("periods:ranking", ADMINISTRATOR_404, "missing", missing_period, "post"),
]
