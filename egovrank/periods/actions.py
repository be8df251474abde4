"""Every change to a period goes through one of these actions, which records who did it
and why in the same transaction."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egovrank.accounts.models import User
from egovrank.core.audit import record
from egovrank.criteria.models import CriteriaVersion
from egovrank.orgs.choices import UnitKind
from egovrank.orgs.models import Block, Unit

from .choices import PeriodState
from .locks import locked_participant
from .models import Participant, Period, PeriodBlock
from .rules import reviewer_unit_for
from .slots import still_has_time, tell_cut_off

__all__ = [
    "NEXT_STATES",
    "PeriodRefused",
    "do_add_participants",
    "closes_self_assessment",
    "do_change_state",
    "do_create_period",
    "do_grant_extension",
    "do_remove_participant",
    "do_set_block_version",
    "do_set_deadlines",
    "goes_back",
    "opening_problems",
]

# The generic moves an administrator may make, in cycle order. "Back" moves exist for
# mistakes (reopening self-assessment or the review) and are recorded with their reason
# like the rest. Finalising and publishing are not generic moves: they check the reviews
# and write the results, so only ``results.actions`` (do_finalise, do_publish) make them.
NEXT_STATES: dict[str, tuple[str, ...]] = {
    PeriodState.DRAFT: (PeriodState.SELF_ASSESSMENT,),
    PeriodState.SELF_ASSESSMENT: (PeriodState.REVIEW,),
    PeriodState.REVIEW: (PeriodState.SELF_ASSESSMENT,),
    PeriodState.FINALISED: (PeriodState.REVIEW,),
    PeriodState.PUBLISHED: (),
}


CYCLE: tuple[str, ...] = tuple(PeriodState.values)


def goes_back(from_state: str, to_state: str) -> bool:
    """Whether a move undoes a step of the cycle (it then needs a reason)."""
    return CYCLE.index(to_state) < CYCLE.index(from_state)


class PeriodRefused(ValueError):
    """An action refused; the message says why, for people."""


def _when(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _local(value: datetime) -> str:
    """A moment as people in Vietnam read it, for the history's summaries."""
    return timezone.localtime(value).strftime("%d/%m/%Y %H:%M")


def _province() -> Unit:
    province = Unit.objects.filter(kind=UnitKind.PROVINCE).order_by("pk").first()
    if province is None:
        raise PeriodRefused(_("The province itself is not in the list of units."))
    return province


def _editable_setup(period: Period) -> None:
    if period.state != PeriodState.DRAFT:
        raise PeriodRefused(
            _("The period is open: its blocks and participants can no longer change.")
        )


@transaction.atomic(durable=True)
def do_create_period(
    year: int,
    title: str,
    *,
    actor: User | None,
    self_assessment_deadline: datetime | None = None,
    review_deadline: datetime | None = None,
    revision_deadline: datetime | None = None,
) -> Period:
    if Period.objects.filter(year=year).exists():
        raise PeriodRefused(_("A period for %(year)s already exists.") % {"year": year})
    period = Period.objects.create(
        year=year,
        title=title,
        self_assessment_deadline=self_assessment_deadline,
        review_deadline=review_deadline,
        revision_deadline=revision_deadline,
    )
    record(
        "period.created",
        period,
        actor=actor,
        summary=f"Period {year} created",
        data={"year": year, "title": title},
    )
    return period


@transaction.atomic(durable=True)
def do_set_deadlines(
    period: Period,
    *,
    actor: User,
    self_assessment_deadline: datetime | None,
    review_deadline: datetime | None,
    revision_deadline: datetime | None,
) -> Period:
    period = Period.objects.select_for_update().get(pk=period.pk)
    if period.state in (PeriodState.FINALISED, PeriodState.PUBLISHED):
        raise PeriodRefused(_("The period is finalised: its deadlines no longer change."))
    if self_assessment_deadline is None and period.state != PeriodState.DRAFT:
        raise PeriodRefused(_("An open period needs its self-assessment deadline."))
    before = {
        "self_assessment_deadline": _when(period.self_assessment_deadline),
        "review_deadline": _when(period.review_deadline),
        "revision_deadline": _when(period.revision_deadline),
    }
    period.self_assessment_deadline = self_assessment_deadline
    period.review_deadline = review_deadline
    period.revision_deadline = revision_deadline
    period.save()
    after = {
        "self_assessment_deadline": _when(self_assessment_deadline),
        "review_deadline": _when(review_deadline),
        "revision_deadline": _when(revision_deadline),
    }
    record(
        "period.deadlines_changed",
        period,
        actor=actor,
        summary=f"Deadlines of period {period.year} changed",
        data={"before": before, "after": after},
    )
    return period


@transaction.atomic(durable=True)
def do_set_block_version(
    period: Period, block: Block, version: CriteriaVersion, *, actor: User | None
) -> PeriodBlock:
    _editable_setup(period)
    period_block, created = PeriodBlock.objects.get_or_create(
        period=period, block=block, defaults={"version": version}
    )
    before = None if created else period_block.version.set_id
    if not created:
        period_block.version = version
        period_block.save()
    record(
        "period.version_set",
        period,
        actor=actor,
        summary=f"{block.code}: {version.set_id}",
        data={"block": block.code, "before": before, "after": version.set_id},
    )
    return period_block


@transaction.atomic(durable=True)
def do_add_participants(
    period: Period, units: list[Unit], *, actor: User | None
) -> list[Participant]:
    """Add units (those already in are skipped). Each gets its block and the unit that
    reviews it in the period's year."""
    _editable_setup(period)
    province = _province()
    present = set(period.participants.values_list("unit_id", flat=True))
    added = []
    for unit in units:
        if unit.pk in present:
            continue
        if not unit.is_valid_in(period.year):
            raise PeriodRefused(
                _("%(unit)s does not exist in %(year)s.") % {"unit": unit.name, "year": period.year}
            )
        if unit.block_id is None:
            raise PeriodRefused(
                _("%(unit)s belongs to no block, so it cannot take part.") % {"unit": unit.name}
            )
        added.append(
            Participant(
                period=period,
                unit=unit,
                block_id=unit.block_id,
                reviewer_unit=reviewer_unit_for(unit, period.year, province),
                unit_code=unit.code,
                unit_name=unit.name,
            )
        )
    Participant.objects.bulk_create(added)
    if added:
        record(
            "period.participants_added",
            period,
            actor=actor,
            summary=f"{len(added)} units added to period {period.year}",
            data={"units": [p.unit_code for p in added]},
        )
    return added


@transaction.atomic(durable=True)
def do_remove_participant(participant: Participant, *, actor: User) -> None:
    period = participant.period
    _editable_setup(period)
    participant.delete()
    record(
        "period.participant_removed",
        period,
        actor=actor,
        summary=f"{participant.unit_name} removed from period {period.year}",
        data={"unit": participant.unit_code},
    )


def opening_problems(period: Period) -> list[str]:
    """What must be put right before the period can open; empty when it can."""
    problems = []
    if period.self_assessment_deadline is None:
        problems.append(_("Set the self-assessment deadline."))
    if not period.participants.exists():
        problems.append(_("Add the units taking part."))
    with_version = set(period.blocks.values_list("block_id", flat=True))
    missing = (
        Block.objects.filter(pk__in=period.participants.values("block_id"))
        .exclude(pk__in=with_version)
        .order_by("order")
    )
    for block in missing:
        problems.append(_("Choose the criteria-set version of %(block)s.") % {"block": block.name})
    return problems


@transaction.atomic(durable=True)
def do_change_state(
    period: Period, to_state: str, *, actor: User | None, reason: str = ""
) -> Period:
    """Move the period on (or back) through the cycle, with who and why recorded. Going
    back needs a reason; going on takes an optional note."""
    reason = reason.strip()
    period = Period.objects.select_for_update().get(pk=period.pk)
    if to_state not in NEXT_STATES[period.state]:
        raise PeriodRefused(
            _("A period cannot go from “%(from)s” to “%(to)s”.")
            % {
                "from": PeriodState(period.state).label,
                "to": PeriodState(to_state).label,
            }
        )
    if goes_back(period.state, to_state) and not reason:
        raise PeriodRefused(_("Give the reason for going back."))
    closing = closes_self_assessment(period, to_state)
    cut_off = still_has_time(period) if closing else []
    if cut_off and not reason:
        raise PeriodRefused(
            _(
                "%(count)s units still have time to write their self-assessment: give the "
                "reason for closing it before their deadline."
            )
            % {"count": len(cut_off)}
        )
    if to_state == PeriodState.SELF_ASSESSMENT and period.state == PeriodState.DRAFT:
        problems = opening_problems(period)
        if problems:
            raise PeriodRefused(
                _("The period cannot open yet: %(problems)s") % {"problems": " ".join(problems)}
            )
        _take_snapshot(period)
        period.opened_at = timezone.now()
    before = period.state
    period.state = to_state
    period.save()
    record(
        "period.state_changed",
        period,
        actor=actor,
        summary=f"Period {period.year}: {before} → {to_state}" + (f" ({reason})" if reason else ""),
        data={
            "before": before,
            "after": to_state,
            "reason": reason,
            # The units whose time the move cut short (closing the self-assessment).
            **({"cut_off": [p.unit_code for p in cut_off]} if closing else {}),
        },
    )
    if cut_off:
        tell_cut_off(period, cut_off, reason, actor)
    return period


def closes_self_assessment(period: Period, to_state: str) -> bool:
    """Whether the move ends the self-assessment, locking every form still open."""
    return period.state == PeriodState.SELF_ASSESSMENT and to_state != period.state


def _take_snapshot(period: Period) -> None:
    """Copy each participant's current code and name: the list is fixed from now on."""
    participants = list(period.participants.select_related("unit"))
    for participant in participants:
        participant.unit_code = participant.unit.code
        participant.unit_name = participant.unit.name
    Participant.objects.bulk_update(participants, ["unit_code", "unit_name"])


# Until results are finalised the administrator may take a unit out of the ranking.
RANKING_STATES = (PeriodState.DRAFT, PeriodState.SELF_ASSESSMENT, PeriodState.REVIEW)


@transaction.atomic(durable=True)
def do_set_ranked(
    participant: Participant, ranked: bool, reason: str, *, actor: User
) -> Participant:
    """Rank a unit, or evaluate it without ranking it; not ranking needs a reason."""
    reason = reason.strip()
    if not ranked and not reason:
        raise PeriodRefused(_("Give the reason why the unit is not ranked."))
    participant = locked_participant(participant)
    if participant.period.state not in RANKING_STATES:
        raise PeriodRefused(_("The results of this period are final."))
    before = {"ranked": participant.ranked, "reason": participant.not_ranked_reason}
    participant.ranked = ranked
    participant.not_ranked_reason = "" if ranked else reason
    participant.save(update_fields=["ranked", "not_ranked_reason"])
    record(
        "participant.ranking",
        participant,
        actor=actor,
        summary=f"{participant.unit_name}: "
        + ("ranked" if ranked else f"evaluated, not ranked ({reason})"),
        data={
            "unit": participant.unit_name,
            "before": before,
            "after": {"ranked": ranked, "reason": participant.not_ranked_reason},
        },
    )
    return participant


@transaction.atomic(durable=True)
def do_grant_extension(
    participant: Participant, until: datetime, reason: str, *, actor: User
) -> Participant:
    """Give one unit more time to self-assess; a reason is required."""
    if not reason.strip():
        raise PeriodRefused(_("Give the reason for the extension."))
    participant = locked_participant(participant)
    if participant.period.state not in (PeriodState.DRAFT, PeriodState.SELF_ASSESSMENT):
        raise PeriodRefused(_("Self-assessment is over in this period."))
    before = _when(participant.extended_until)
    participant.extended_until = until
    participant.extension_reason = reason.strip()
    participant.extended_by = actor
    participant.save()
    record(
        "participant.extended",
        participant,
        actor=actor,
        summary=f"{participant.unit_name}: deadline extended to {_local(until)} ({reason.strip()})",
        data={
            "unit": participant.unit_name,
            "before": before,
            "after": _when(until),
            "reason": reason.strip(),
        },
    )
    return participant
