"""Published years for the public pages' tests, built as the results tests build them
(``results.tests.helpers``): forms filled and approved directly, then finalised and
published through the real actions."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.test import Client

from egovrank.orgs.actions import do_add_succession
from egovrank.orgs.models import Unit
from egovrank.periods.choices import PeriodState
from egovrank.periods.rules import period_shape
from egovrank.results.actions import do_finalise, do_publish
from egovrank.results.models import Publication
from egovrank.results.tests.helpers import fill, forward, move
from egovrank.testing.world import make_period

DECISION_2020 = {
    "decision_number": "88/QĐ-UBND",
    "decision_date": date(2021, 3, 15),
    "signer": "Trần Quốc Văn, Chủ tịch UBND tỉnh",
}


def anonymous(language: str = "vi") -> Client:
    """A visitor who has not signed in, reading ``language``."""
    return Client(HTTP_ACCEPT_LANGUAGE=language)


def publish_year(
    world: Any,
    year: int,
    *,
    quality: dict[str, float] | None = None,
    decision: dict[str, Any] | None = None,
) -> Publication:
    """A period of ``year`` with every unit of ``world.units`` taking part, every form
    approved but Sở Xây dựng's (not submitted), published. ``quality`` sets how well a
    unit (by its key) answers; by default as ``results.tests.helpers.reviewed``."""
    if world.period is None or world.period.year != year:
        world.participants = {}
        make_period(world, year=year)
    quality = quality or {}
    for seed, key in enumerate(world.participants, start=1):
        if key != "soxd":
            fill(world.participants[key], seed=seed, quality=quality.get(key, 0.3 + 0.1 * seed))
    if period_shape(year).district_review:
        forward(world)
    move(world.period, PeriodState.REVIEW)
    do_finalise(world.period, actor=world.administrator)
    publication = do_publish(world.period, actor=world.administrator, **(decision or DECISION_2020))
    world.period.refresh_from_db()
    return publication


def new_unit(world: Any, key: str, code: str, name: str, *, like: str) -> Unit:
    """A unit of the same kind, block and parent as ``world.units[like]``."""
    model = world.units[like]
    unit = Unit.objects.create(
        code=code, name=name, kind=model.kind, block=model.block, parent=model.parent
    )
    world.units[key] = unit
    return unit


def succeed(world: Any, predecessors: list[str], successor: str, *, kind: str, year: int) -> None:
    """``successor`` continues the ``predecessors`` from ``year``, recorded as the
    administrator records it; the predecessors take no part from then on."""
    for key in predecessors:
        do_add_succession(
            world.units[key],
            world.units[successor],
            kind=kind,
            year=year,
            note="Nghị quyết sắp xếp đơn vị hành chính",
            actor=world.administrator,
        )
        del world.units[key]
