"""A small published world whose figures can be checked by hand.

Khối 01 (maximum 500 each), every criterion answered in full except:

- Sở TT&TT: nothing else: 500 self, 500 verified (100%, rank 1);
- Sở Tài chính: HT3.1 "no" (−5); UD6.1 answered "yes" but the reviewer adjusted it to
  "no" with a reason (−5 verified): 495 self, 490 verified (98%);
- Sở Xây dựng: HT3.1 and HT3.2 "no" (−10): 490 self and verified (98%).

The other blocks get plausible answers (results/tests/helpers.py). The year before can be
published too, every Khối 01 unit in full (100%, all rank 1), with Sở Xây dựng then under
an earlier unit that it continues (a rename with a new code).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from egovrank.assessments.choices import AssessmentState
from egovrank.assessments.models import Answer, Assessment
from egovrank.assessments.queries import criteria_set_for
from egovrank.orgs.models import Unit, UnitSuccession
from egovrank.periods.choices import PeriodState
from egovrank.periods.models import Participant
from egovrank.results.actions import do_finalise, do_publish
from egovrank.results.models import Publication
from egovrank.results.tests.helpers import DECISION, adjust, fill, forward, move, set_state
from egovrank.scoring.rules import (
    CountRule,
    DeductionRule,
    InfoRule,
    ManualRule,
    OptionRule,
    RatioRule,
    RelativeRule,
    YesNoRule,
)
from egovrank.scoring.tree import CriteriaSet
from egovrank.testing.world import make_period

REASON = "Biên bản kiểm tra: chưa tổ chức họp trực tuyến trong năm."
KHOI01 = ("sotttt", "sotc", "soxd")
CHANGES = {
    "sotttt": {},
    "sotc": {"HT3.1": "no"},
    "soxd": {"HT3.1": "no", "HT3.2": "no"},
}


def full_answers(criteria_set: CriteriaSet) -> dict[str, str]:
    """An answer that gives every criterion its maximum."""
    answers = {}
    for leaf in criteria_set.leaves():
        rule = leaf.rule
        maximum = leaf.max_points or Decimal(0)
        if isinstance(rule, YesNoRule):
            value = "yes"
        elif isinstance(rule, RatioRule) or (
            isinstance(rule, RelativeRule) and rule.input == "ratio"
        ):
            value = "1/1"
        elif isinstance(rule, CountRule):
            value = "100000"
        elif isinstance(rule, OptionRule):
            value = max(rule.options, key=lambda option: option.points).code
        elif isinstance(rule, DeductionRule):
            value = "0"
        elif isinstance(rule, RelativeRule):
            value = "100"
        elif isinstance(rule, ManualRule):
            value = str(maximum)
        elif isinstance(rule, InfoRule):
            value = "1" if rule.value_type == "number" else "Nguyễn Văn An"
        else:  # pragma: no cover - every shipped kind is above
            raise AssertionError(rule)
        answers[leaf.code] = value
    return answers


NA = "na"  # in ``changes``: the criterion marked not applicable


def answer(
    participant: Participant, changes: dict[str, str], state: str = AssessmentState.APPROVED
) -> Assessment:
    """The participant's form answered in full but for ``changes``, in ``state``."""
    assessment, _created = Assessment.objects.get_or_create(participant=participant)
    values = {**full_answers(criteria_set_for(participant)), **changes}
    Answer.objects.filter(assessment=assessment).delete()
    Answer.objects.bulk_create(
        Answer(
            assessment=assessment,
            code=code,
            value="" if value == NA else value,
            not_applicable=value == NA,
            revision=1,
        )
        for code, value in values.items()
    )
    return set_state(assessment, state)


def publish(world: Any) -> Publication:
    """Finalise and publish ``world.period`` (every form already in place)."""
    forward(world)
    move(world.period, PeriodState.REVIEW)
    do_finalise(world.period, actor=world.administrator)
    publication = do_publish(world.period, actor=world.administrator, **DECISION)
    world.period.refresh_from_db()
    return publication


def hand_checked(world: Any, changes: dict[str, dict[str, str]] | None = None) -> Publication:
    """The world's 2019 period answered as the module says (or with other ``changes``
    per Khối 01 unit; Sở Tài chính's UD6.1 is adjusted in either case), and published."""
    for key in KHOI01:
        assessment = answer(world.participants[key], (changes or CHANGES)[key])
        if key == "sotc":
            verification = adjust(assessment, "UD6.1", "no", by=world.provincial_reviewer)
            verification.reason = REASON
            verification.save()
    for seed, key in enumerate(world.participants, start=1):
        if key not in KHOI01:
            fill(world.participants[key], seed=seed, quality=0.3 + 0.1 * seed)
    return publish(world)


def last_year(world: Any) -> Publication:
    """2018 published with every Khối 01 unit in full; Sở Xây dựng was then "Sở Xây
    dựng (cũ)", which it continues. ``world.period`` and ``world.participants`` stay
    those of 2019."""
    period, participants = world.period, world.participants
    world.participants = {}
    earlier = Unit.objects.create(
        code="K01-09C",
        name="Sở Xây dựng (cũ)",
        kind="department",
        block=world.blocks["KHOI01"],
        parent=world.units["province"],
        valid_until=2018,
    )
    UnitSuccession.objects.create(
        predecessor=earlier, successor=world.units["soxd"], kind="renamed", year=2019
    )
    world.units["soxd_old"] = earlier
    make_period(world, year=2018, state=PeriodState.SELF_ASSESSMENT)
    # Sở Xây dựng took part in 2018 under its earlier unit only.
    world.participants.pop("soxd").delete()
    for key in ("sotttt", "sotc", "soxd_old"):
        answer(world.participants[key], {})
    for seed, key in enumerate(world.participants, start=1):
        if key not in ("sotttt", "sotc", "soxd_old"):
            fill(world.participants[key], seed=seed)
    publication = publish(world)
    del world.units["soxd_old"]
    world.period, world.participants = period, participants
    return publication


# Sở Tài chính at 84% (Khá, 3rd) just below Sở Xây dựng at 84.3% (Khá, 2nd): one more
# yes of 5 points takes it to 85% (Tốt) and above Sở Xây dựng.
CLOSE = {
    "sotttt": {},
    # 75 points lost, and UD6.1's 5 on review: 420/500.
    "sotc": {"CCCS1": "no", "CCCS4": "no", "CCCS5": "no", "NL1": "no", "NL2": "no", "HT3.1": "no"},
    # 78.5 points lost: 421.5/500.
    "soxd": {
        "CCCS1": "no",
        "CCCS4": "no",
        "CCCS5": "no",
        "NL1": "no",
        "NL2": "no",
        "HT5.1": "no",
        "HT5.3": "no",
        "WEB1.1": "no",
    },
}


def form_of(basis: Any, changes: dict[str, str] | None = None) -> dict[str, str]:
    """What the what-if form posts as the page shows it, with ``changes`` made."""
    from egovrank.insight.forms import fields_of

    data = {}
    for code, field in fields_of(basis.criteria_set, basis.entries).items():
        if field.input == "ratio":
            data[f"num-{code}"], data[f"den-{code}"] = field.numerator, field.denominator
        else:
            data[f"v-{code}"] = field.value
        if field.not_applicable:
            data[f"na-{code}"] = "on"
    return {**data, **(changes or {})}
