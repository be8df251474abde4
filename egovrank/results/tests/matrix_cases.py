"""Who may open the results pages. Ranks are embargoed: the live results page is for
the administrator and the provincial reviewers only, and only the administrator
finalises, publishes and corrects. A publication is public: everyone reads it."""

from __future__ import annotations

from typing import Any

from egovrank.testing.matrix import (
    ADMINISTRATOR_POST,
    POST_ONLY,
    PUBLIC,
    Case,
    expect,
)
from egovrank.testing.world import World

RESULTS = expect(403, anonymous=302, administrator=200, provincial_reviewer=200)
RESULTS_404 = expect(403, anonymous=302, administrator=404, provincial_reviewer=404)
# The administrator's forms as other people meet them: the role first, then the object.
ADMINISTRATOR_400 = expect(403, anonymous=302, administrator=400)
ADMINISTRATOR_404 = expect(403, anonymous=302, administrator=404)
ADMINISTRATOR_409 = expect(403, anonymous=302, administrator=409)
NOT_FOUND = expect(404)

DECISION = {"decision_number": "123/QĐ-UBND", "decision_date": "2020-03-20", "signer": "A"}


def open_period(world: World) -> dict[str, Any]:
    """The world's period, open for self-assessment."""
    return {"year": world.period.year}


def missing_period(world: World) -> dict[str, Any]:
    return {"year": 1999}


def in_review(world: World) -> dict[str, Any]:
    """Every form approved but one not submitted, the districts forwarded, in review."""
    from egovrank.periods.models import Period

    from .helpers import reviewed

    if world.period.state == "self_assessment":
        reviewed(world)
    world.period = Period.objects.get(pk=world.period.pk)
    return {"year": world.period.year}


def finalised(world: World) -> dict[str, Any]:
    from egovrank.results.actions import do_finalise

    kwargs = in_review(world)
    if world.period.state == "review":
        world.period = do_finalise(world.period, actor=world.administrator)
    return kwargs


def published(world: World) -> dict[str, Any]:
    from egovrank.results.actions import do_publish

    from .helpers import DECISION as DECISION_OF_TESTS

    kwargs = finalised(world)
    if world.period.state == "finalised":
        do_publish(world.period, actor=world.administrator, **DECISION_OF_TESTS)
        world.period.refresh_from_db()
    return kwargs


def published_unit(key: str) -> Any:
    def kwargs(world: World) -> dict[str, Any]:
        return {**published(world), "code": world.units[key].code}

    return kwargs


def reopened(world: World) -> dict[str, Any]:
    """Published, with Sở Tài chính re-opened and approved again."""
    from egovrank.assessments.choices import AssessmentState
    from egovrank.results.actions import do_open_correction
    from egovrank.results.models import Correction

    from .helpers import set_state

    kwargs = published(world)
    participant = world.participants["sotc"]
    if not Correction.objects.filter(participant=participant).exists():
        do_open_correction(participant, reason="Phúc tra", actor=world.administrator)
        participant.assessment.refresh_from_db()
        set_state(participant.assessment, AssessmentState.APPROVED)
    return kwargs


def publication(number: int) -> Any:
    def kwargs(world: World) -> dict[str, Any]:
        return {**published(world), "number": number}

    return kwargs


def unpublished_publication(world: World) -> dict[str, Any]:
    return {**in_review(world), "number": 1}


CASES: list[Case] = [
    # The live results page: embargoed.
    Case("results:index", RESULTS, "the list", lambda world: {}),
    Case("results:period", RESULTS, "open period", open_period),
    Case("results:period", RESULTS, "period in review", in_review),
    Case("results:period", RESULTS, "published period", published),
    Case("results:period", RESULTS_404, "missing", missing_period),
    # The administrator's forms only take POST.
    Case("results:finalise", POST_ONLY, "period in review", in_review),
    Case("results:publish", POST_ONLY, "finalised period", finalised),
    Case("results:open_correction", POST_ONLY, "published unit", published_unit("sotc")),
    Case("results:publish_correction", POST_ONLY, "published period", reopened),
    # Finalising.
    Case("results:finalise", ADMINISTRATOR_POST, "period in review", in_review, "post"),
    Case("results:finalise", ADMINISTRATOR_409, "open period", open_period, "post"),
    Case("results:finalise", ADMINISTRATOR_404, "missing", missing_period, "post"),
    # Publishing.
    Case(
        "results:publish",
        ADMINISTRATOR_POST,
        "finalised period",
        finalised,
        "post",
        lambda w: DECISION,
    ),
    Case(
        "results:publish",
        ADMINISTRATOR_409,
        "period in review",
        in_review,
        "post",
        lambda w: DECISION,
    ),
    Case("results:publish", ADMINISTRATOR_400, "no decision", finalised, "post"),
    Case("results:publish", ADMINISTRATOR_404, "missing", missing_period, "post"),
    # Re-opening a unit.
    Case(
        "results:open_correction",
        ADMINISTRATOR_POST,
        "published unit",
        published_unit("sotc"),
        "post",
        lambda w: {"reason": "Phúc tra"},
    ),
    Case(
        "results:open_correction",
        ADMINISTRATOR_400,
        "no reason",
        published_unit("sotc"),
        "post",
    ),
    Case(
        "results:open_correction",
        ADMINISTRATOR_409,
        "unit of an open period",
        lambda w: {"year": w.period.year, "code": w.units["sotc"].code},
        "post",
        lambda w: {"reason": "Phúc tra"},
    ),
    Case(
        "results:open_correction",
        ADMINISTRATOR_404,
        "not a participant",
        lambda w: {**published(w), "code": "no-such-unit"},
        "post",
        lambda w: {"reason": "Phúc tra"},
    ),
    # Publishing a correction.
    Case(
        "results:publish_correction",
        ADMINISTRATOR_POST,
        "approved again",
        reopened,
        "post",
        lambda w: {**DECISION, "reason": "Phúc tra"},
    ),
    Case(
        "results:publish_correction",
        ADMINISTRATOR_409,
        "nothing re-opened",
        published,
        "post",
        lambda w: {**DECISION, "reason": "Phúc tra"},
    ),
    Case("results:publish_correction", ADMINISTRATOR_400, "no decision", reopened, "post"),
    Case("results:publish_correction", ADMINISTRATOR_404, "missing", missing_period, "post"),
    # Publications: public by definition; nothing before the first.
    Case("results:publications", PUBLIC, "published period", published),
    Case("results:publications", NOT_FOUND, "period in review", in_review),
    Case("results:publications", NOT_FOUND, "missing", missing_period),
    Case("results:publication", PUBLIC, "publication 1", publication(1)),
    Case("results:publication", NOT_FOUND, "no such publication", publication(2)),
    Case("results:publication", NOT_FOUND, "not yet published", unpublished_publication),
]
