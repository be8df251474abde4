"""Finalising and publishing a period's results, and correcting them afterwards: one
action each, atomic, with its history written in the same transaction (CONTRIBUTING.md,
a change of state).

A publication copies every unit's result into ``PublishedResult`` rows, which never
change (the model, its queryset and a database trigger refuse). A correction re-opens
one unit for the provincial reviewers; publishing the correction writes the next
publication with every result recomputed, and the earlier ones stay readable.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from egovrank.accounts.models import User
from egovrank.assessments.choices import REVIEW_CLOSED, AssessmentState
from egovrank.assessments.models import Assessment
from egovrank.core.audit import event, record, record_all
from egovrank.core.roles import Role
from egovrank.notifications.notify import notify_published
from egovrank.notifications.recipients import province_staff
from egovrank.periods.choices import PeriodState
from egovrank.periods.locks import locked_participant
from egovrank.periods.models import Participant, Period
from egovrank.scoring.engine import RankedUnit

from .compute import BlockResults, UnitFacts, compute, warnings
from .models import Correction, Publication, PublishedResult
from .queries import converted_summary, in_correction, percent_summary, shown_points_summary

__all__ = [
    "ResultsRefused",
    "do_finalise",
    "do_open_correction",
    "do_publish",
    "do_publish_correction",
    "finalise_problems",
]


class ResultsRefused(ValueError):
    """An action refused; the message says why, for people, and ``problems`` lists
    what must be put right first."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


def _locked(period: Period) -> Period:
    return Period.objects.select_for_update().get(pk=period.pk)


def _names(items: list[Any], attribute: str) -> str:
    return ", ".join(getattr(item, attribute) for item in items)


def finalise_problems(period: Period) -> list[str]:
    """What stops the period's results from being finalised; empty when nothing does.
    Units that did not submit do not stop it: they count as not submitted."""
    found = warnings(period)
    problems = []
    if found.not_reviewed:
        problems.append(
            _("Forms submitted but not approved: %(units)s.")
            % {"units": _names(found.not_reviewed, "unit_name")}
        )
    if found.not_forwarded:
        problems.append(
            _("Districts that have not forwarded their communes' results: %(districts)s.")
            % {"districts": _names(found.not_forwarded, "name")}
        )
    return problems


@transaction.atomic(durable=True)
def do_finalise(period: Period, *, actor: User) -> Period:
    """Close the review: the results are checked and wait for their decision."""
    period = _locked(period)
    if period.state != PeriodState.REVIEW:
        raise ResultsRefused(
            _("Only a period in review can be finalised; this one is “%(state)s”.")
            % {"state": PeriodState(period.state).label}
        )
    problems = finalise_problems(period)
    if problems:
        # The problems are listed once, under the message (not repeated inside it).
        raise ResultsRefused(
            ngettext(
                "The results cannot be finalised yet: %(count)s thing to settle.",
                "The results cannot be finalised yet: %(count)s things to settle.",
                len(problems),
            )
            % {"count": len(problems)},
            problems,
        )
    before = period.state
    period.state = PeriodState.FINALISED
    period.save()
    record(
        "results.finalised",
        period,
        actor=actor,
        summary=f"Period {period.year}: results finalised",
        data={"before": before, "after": period.state},
    )
    return period


def _decision(decision_number: str, decision_date: date | None, signer: str) -> tuple[str, str]:
    decision_number, signer = decision_number.strip(), signer.strip()
    missing = []
    if not decision_number:
        missing.append(_("the decision number"))
    if decision_date is None:
        missing.append(_("the decision date"))
    if not signer:
        missing.append(_("who signed it"))
    if missing:
        raise ResultsRefused(_("Give %(missing)s.") % {"missing": ", ".join(missing)})
    return decision_number, signer


def _nodes(row: RankedUnit) -> dict[str, list[str]]:
    return {
        node.code: [str(node.points), str(node.max_points), node.status]
        for node in row.score.walk()
    }


def _block_summary(block: BlockResults, order: int) -> dict[str, Any]:
    criteria_set = block.criteria_set
    return {
        "name": block.block.name,
        "order": order,
        "set_id": block.version.set_id,
        "version": block.version.version,
        "max_total": str(criteria_set.max_total),
        "levels": [
            [level.code, level.name, str(level.min_percent)] for level in criteria_set.levels.levels
        ],
        "groups": [[node.code, node.name, str(node.full_max)] for node in criteria_set.groups],
        **shown_points_summary(criteria_set),
        **converted_summary(criteria_set),
        **percent_summary(criteria_set),
    }


def _result_row(
    publication: Publication, block_code: str, row: RankedUnit, facts: UnitFacts
) -> PublishedResult:
    score = row.score
    participant = facts.participant
    district = facts.district
    return PublishedResult(
        publication=publication,
        block_code=block_code,
        unit_code=participant.unit_code,
        unit_name=participant.unit_name,
        unit_id=participant.unit_id,
        district_code=district.code if district else "",
        district_name=district.name if district else "",
        submitted=row.unit.submitted,
        rank=row.rank,
        rank_in_district=row.rank_in_parent if district else None,
        points=score.points,
        max_points=score.max_points,
        share_numerator=score.share.numerator,
        share_denominator=score.share.denominator,
        percent=score.percent,
        level_code=score.level.code if score.level else "",
        level_name=score.level_name("vi"),
        level_name_en=score.level_name("en"),
        not_ranked_reason=row.unit.not_ranked_reason if not row.unit.ranked else "",
        self_points=facts.self_points,
        converted=score.converted,
        nodes=_nodes(row),
    )


def _write_publication(
    period: Period,
    *,
    decision_number: str,
    decision_date: date,
    signer: str,
    reason: str,
    actor: User,
) -> tuple[Publication, dict[str, PublishedResult]]:
    """The next publication of the period, with every result computed now."""
    blocks = compute(period)
    last = period.publications.aggregate(last=Max("number"))["last"] or 0
    publication = Publication.objects.create(
        period=period,
        number=last + 1,
        decision_number=decision_number,
        decision_date=decision_date,
        signer=signer,
        correction_reason=reason,
        published_by=actor,
        blocks={
            code: _block_summary(block, order)
            for order, (code, block) in enumerate(blocks.items(), start=1)
        },
    )
    rows = [
        _result_row(publication, code, row, facts)
        for code, block in blocks.items()
        for row, facts in block.rows()
    ]
    PublishedResult.objects.bulk_create(rows, batch_size=500)
    return publication, {row.unit_code: row for row in rows}


def _people_to_tell(period: Period) -> list[Any]:
    """Every officer and head of the period's units, and the province's staff."""
    unit_people = (
        get_user_model()
        .objects.filter(
            is_active=True,
            role_assignments__role__in=[Role.UNIT_HEAD, Role.UNIT_OFFICER],
            role_assignments__unit_id__in=period.participants.values("unit_id"),
        )
        .distinct()
        .order_by("pk")
    )
    return [*unit_people, *province_staff()]


def _outcome(result: PublishedResult | None) -> dict[str, Any] | None:
    if result is None:
        return None
    return {
        "rank": result.rank,
        "points": str(result.points),
        "max_points": str(result.max_points),
        "percent": str(result.percent),
        "level": result.level_code,
    }


def _decision_data(publication: Publication) -> dict[str, Any]:
    return {
        "publication": publication.number,
        "decision_number": publication.decision_number,
        "decision_date": publication.decision_date.isoformat(),
        "signer": publication.signer,
    }


@transaction.atomic(durable=True)
def do_publish(
    period: Period,
    *,
    decision_number: str,
    decision_date: date | None,
    signer: str,
    actor: User,
) -> Publication:
    """Publish the finalised results under the announcing decision: publication 1."""
    period = _locked(period)
    if period.state != PeriodState.FINALISED:
        raise ResultsRefused(
            _(
                "The results can be published only once they are finalised; the period is “%(state)s”."
            )
            % {"state": PeriodState(period.state).label}
        )
    decision_number, signer = _decision(decision_number, decision_date, signer)
    assert decision_date is not None
    publication, results = _write_publication(
        period,
        decision_number=decision_number,
        decision_date=decision_date,
        signer=signer,
        reason="",
        actor=actor,
    )
    before = period.state
    period.state = PeriodState.PUBLISHED
    period.save()
    decision = _decision_data(publication)
    record(
        "results.published",
        period,
        actor=actor,
        summary=f"Period {period.year}: results published (decision {decision_number})",
        data={"before": before, "after": period.state, **decision, "units": len(results)},
    )
    assessments = Assessment.objects.filter(participant__period=period).select_related(
        "participant"
    )
    record_all(
        [
            event(
                "results.published",
                assessment,
                actor=actor,
                summary=f"{assessment.participant.unit_name}: results published "
                f"(decision {decision_number})",
                data={
                    **decision,
                    **(_outcome(results.get(assessment.participant.unit_code)) or {}),
                },
            )
            for assessment in assessments
        ]
    )
    notify_published(publication, _people_to_tell(period), actor=actor)
    return publication


@transaction.atomic(durable=True)
def do_open_correction(participant: Participant, *, reason: str, actor: User) -> Correction:
    """Re-open one unit of a published period, with the reason: its form goes back to
    the provincial reviewers until the correction is published."""
    reason = reason.strip()
    participant = locked_participant(participant)
    if participant.period.state != PeriodState.PUBLISHED:
        raise ResultsRefused(_("Only published results can be corrected."))
    if not reason:
        raise ResultsRefused(_("Give the reason for the correction."))
    if in_correction(participant):
        raise ResultsRefused(
            _("A correction of %(unit)s is already open.") % {"unit": participant.unit_name}
        )
    correction = Correction.objects.create(participant=participant, reason=reason, opened_by=actor)
    assessment, _created = Assessment.objects.get_or_create(participant=participant)
    before = assessment.state
    assessment.state = AssessmentState.IN_REVIEW
    assessment.save()
    record(
        "results.correction_opened",
        assessment,
        actor=actor,
        summary=f"{participant.unit_name}: re-opened for a correction ({reason})",
        data={
            "correction": correction.pk,
            "reason": reason,
            "before": before,
            "after": assessment.state,
        },
    )
    return correction


def _open_corrections(period: Period) -> list[Correction]:
    return list(
        Correction.objects.filter(participant__period=period, published_in__isnull=True)
        .select_related("participant")
        .order_by("pk")
    )


@transaction.atomic(durable=True)
def do_publish_correction(
    period: Period,
    *,
    decision_number: str,
    decision_date: date | None,
    signer: str,
    reason: str,
    actor: User,
) -> Publication:
    """Publish the corrected results under a new decision: the next publication, with
    every result recomputed; the open corrections close with it."""
    period = _locked(period)
    reason = reason.strip()
    if period.state != PeriodState.PUBLISHED:
        raise ResultsRefused(_("Only published results can be corrected."))
    corrections = _open_corrections(period)
    if not corrections:
        raise ResultsRefused(_("No correction is open: re-open a unit first."))
    states = dict(
        Assessment.objects.filter(
            participant_id__in=[c.participant_id for c in corrections]
        ).values_list("participant_id", "state")
    )
    pending = [
        c.participant for c in corrections if states.get(c.participant_id) not in REVIEW_CLOSED
    ]
    if pending:
        raise ResultsRefused(
            _("The review of these re-opened units is not approved yet: %(units)s.")
            % {"units": _names(pending, "unit_name")}
        )
    decision_number, signer = _decision(decision_number, decision_date, signer)
    assert decision_date is not None
    if not reason:
        raise ResultsRefused(_("Give the reason for the correction."))
    previous = period.publications.order_by("-number").first()
    assert previous is not None
    codes = [c.participant.unit_code for c in corrections]
    before = {r.unit_code: r for r in previous.results.filter(unit_code__in=codes)}
    publication, results = _write_publication(
        period,
        decision_number=decision_number,
        decision_date=decision_date,
        signer=signer,
        reason=reason,
        actor=actor,
    )
    Correction.objects.filter(pk__in=[c.pk for c in corrections]).update(published_in=publication)
    decision = _decision_data(publication)
    record(
        "results.corrected",
        period,
        actor=actor,
        summary=f"Period {period.year}: correction published as publication "
        f"{publication.number} (decision {decision_number}): {reason}",
        data={**decision, "reason": reason, "units": codes},
    )
    assessments = {
        a.participant_id: a
        for a in Assessment.objects.filter(
            participant_id__in=[c.participant_id for c in corrections]
        )
    }
    record_all(
        [
            event(
                "results.corrected",
                assessments[c.participant_id],
                actor=actor,
                summary=f"{c.participant.unit_name}: corrected results published "
                f"(decision {decision_number})",
                data={
                    **decision,
                    "correction": c.pk,
                    "correction_reason": c.reason,
                    "before": _outcome(before.get(c.participant.unit_code)),
                    "after": _outcome(results.get(c.participant.unit_code)),
                },
            )
            for c in corrections
        ]
    )
    notify_published(publication, _people_to_tell(period), actor=actor)
    return publication
