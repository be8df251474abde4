"""Opening a year's period in one go (``manage.py open_period``): every unit valid that
year that belongs to a block, each block's criteria-set version and the deadlines.

``plan_opening`` reads and checks everything before anything is written, so a refusal
leaves the database as it was; ``open_as_planned`` then creates, sets up and opens the
period through the period actions, each step recorded in the history. The refusals name
the command's options (``--criteria``…), since they answer what was typed there.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time

from django.contrib.auth import get_user_model
from django.utils import timezone

from egovrank.accounts.models import User
from egovrank.criteria.models import CriteriaVersion
from egovrank.orgs.choices import UnitKind
from egovrank.orgs.models import Block, Unit

from .actions import (
    PeriodRefused,
    do_add_participants,
    do_change_state,
    do_create_period,
    do_set_block_version,
)
from .choices import PeriodState
from .models import Participant, Period
from .rules import period_shape

__all__ = [
    "Opened",
    "Opening",
    "OpeningRefused",
    "SetUpIncomplete",
    "open_as_planned",
    "parse_moment",
    "plan_opening",
]

# A deadline given as a day alone ends with that day (Vietnam time).
END_OF_DAY = time(23, 59)
MOMENT_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M")
DAY_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")


class OpeningRefused(ValueError):
    """What was asked cannot open a period; nothing was written. The message says why."""


class SetUpIncomplete(PeriodRefused):
    """The period was created, but an action refused a later step: it stays a draft."""


@dataclass(frozen=True)
class Opening:
    """Everything the period actions need, checked."""

    year: int
    title: str
    actor: User | None
    versions: list[tuple[Block, CriteriaVersion]]  # in block-code order
    units: list[Unit]
    deadline: datetime | None
    review_deadline: datetime | None
    revision_deadline: datetime | None
    draft: bool


@dataclass(frozen=True)
class Opened:
    """The period as ``open_as_planned`` left it, and the participants it added."""

    opening: Opening
    period: Period
    added: list[Participant]

    def __str__(self) -> str:
        codes = {block.pk: block.code for block, _version in self.opening.versions}
        per_block = Counter(codes.get(p.block_id, str(p.block_id)) for p in self.added)
        counts = ", ".join(f"{code} {count}" for code, count in sorted(per_block.items()))
        state = "a draft" if self.opening.draft else "open for self-assessment"
        deadline = self.opening.deadline
        until = f", self-assessment deadline {_local(deadline)} (Vietnam time)" if deadline else ""
        return (
            f"Period {self.opening.year} ({self.period.title}) is {state}: "
            f"{len(self.added)} units ({counts}){until}."
        )


def parse_moment(text: str, option: str) -> datetime:
    """``2019-12-31``, ``31/12/2019``, ``2019-12-31 17:00`` or ``31/12/2019 17:00`` in
    Vietnam time (the site's TIME_ZONE), as an aware moment."""
    text = " ".join(text.split())
    zone = timezone.get_default_timezone()
    for fmt in MOMENT_FORMATS:
        try:
            return datetime.strptime(text, fmt).replace(tzinfo=zone)
        except ValueError:
            pass
    for fmt in DAY_FORMATS:
        try:
            day = datetime.strptime(text, fmt).replace(tzinfo=zone)
        except ValueError:
            continue
        return datetime.combine(day.date(), END_OF_DAY, tzinfo=zone)
    raise OpeningRefused(
        f"{option}: {text!r} is not a day or a moment (2019-12-31, 31/12/2019, "
        f"2019-12-31 17:00 or 31/12/2019 17:00, Vietnam time)"
    )


def _local(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%d/%m/%Y %H:%M")


def plan_opening(
    year: int,
    *,
    criteria: Sequence[str] = (),
    deadline: str | None = None,
    review_deadline: str | None = None,
    revision_deadline: str | None = None,
    title: str | None = None,
    draft: bool = False,
    username: str | None = None,
) -> Opening:
    """Everything the actions will need, checked before anything is written; raises
    ``OpeningRefused`` at the first problem. ``criteria`` holds ``BLOCK=SET_ID`` items;
    the deadlines are as ``parse_moment`` reads them."""
    _check_year(year)
    actor = _actor(username)
    _check_province()
    versions = _versions(criteria)
    _check_shape(year, versions)
    units = _units(year, versions)
    if not deadline and not draft:
        raise OpeningRefused("--deadline is needed to open the period (or give --draft).")
    # In this order, so that the first problem of the command line is the one named.
    self_assessment = _moment(deadline, "--deadline")
    review = _moment(review_deadline, "--review-deadline")
    revision = _moment(revision_deadline, "--revision-deadline")
    return Opening(
        year=year,
        title=_title(title, year),
        actor=actor,
        versions=[versions[code] for code in sorted(versions)],
        units=units,
        deadline=self_assessment,
        review_deadline=review,
        revision_deadline=revision,
        draft=draft,
    )


def _check_year(year: int) -> None:
    if not 2000 <= year <= 2100:
        raise OpeningRefused(f"{year} is not a year this system evaluates (2000–2100).")
    if Period.objects.filter(year=year).exists():
        raise OpeningRefused(f"A period for {year} already exists.")


def _actor(username: str | None) -> User | None:
    """The person the history names; nobody when no name is given."""
    if not username:
        return None
    actor: User | None = get_user_model().objects.filter(username=username).first()
    if actor is None:
        raise OpeningRefused(f"--user: nobody has the user name {username!r}.")
    return actor


def _check_province() -> None:
    # Participants need it: it reviews the units that no district reviews.
    if not Unit.objects.filter(kind=UnitKind.PROVINCE).exists():
        raise OpeningRefused("The province itself is not in the list of units: import it first.")


def _versions(criteria: Sequence[str]) -> dict[str, tuple[Block, CriteriaVersion]]:
    """The block and version of each ``BLOCK=SET_ID`` item, by block code."""
    blocks = {block.code: block for block in Block.objects.all()}
    chosen: dict[str, tuple[Block, CriteriaVersion]] = {}
    for item in criteria:
        code, sep, set_id = (part.strip() for part in item.partition("="))
        if not sep or not code or not set_id:
            raise OpeningRefused(
                f"--criteria {item!r}: write BLOCK=SET_ID, e.g. KHOI01=hungyen-2018-khoi01"
            )
        if code not in blocks:
            raise OpeningRefused(
                f"--criteria {item}: no block {code} (blocks: {', '.join(sorted(blocks))})"
            )
        if code in chosen:
            raise OpeningRefused(f"--criteria: block {code} is given twice")
        chosen[code] = (blocks[code], _version(item, code, set_id))
    return chosen


def _check_shape(year: int, versions: dict[str, tuple[Block, CriteriaVersion]]) -> None:
    """A two-tier year has no districts: a block of districts has no place in it."""
    if not period_shape(year).two_tier:
        return
    for code, (block, version) in sorted(versions.items()):
        if block.unit_kind == UnitKind.DISTRICT:
            raise OpeningRefused(
                f"--criteria {code}={version.set_id}: {year} has two tiers of local "
                f"government, so no districts are evaluated; leave block {code} out."
            )


def _version(item: str, block_code: str, set_id: str) -> CriteriaVersion:
    version = CriteriaVersion.objects.filter(set_id=set_id).first()
    if version is None:
        raise OpeningRefused(f"--criteria {item}: there is no criteria-set version {set_id}")
    if version.block_code and version.block_code != block_code:
        raise OpeningRefused(
            f"--criteria {item}: {set_id} is a criteria set for block {version.block_code}"
        )
    return version


def _units(year: int, versions: dict[str, tuple[Block, CriteriaVersion]]) -> list[Unit]:
    """Every unit of a block valid in ``year``, in code order; each of their blocks must
    have its version."""
    units = list(
        Unit.objects.valid_in(year)
        .filter(block__isnull=False)
        .select_related("parent", "block")
        .order_by("code")
    )
    if not units:
        raise OpeningRefused(f"No unit of a block is valid in {year}: import the units first.")
    missing = sorted({unit.block.code for unit in units if unit.block} - set(versions))
    if missing:
        raise OpeningRefused(
            "Choose the criteria-set version of each block with units: --criteria "
            + " --criteria ".join(f"{code}=SET_ID" for code in missing)
        )
    return units


def _moment(text: str | None, option: str) -> datetime | None:
    return parse_moment(text, option) if text else None


def _title(title: str | None, year: int) -> str:
    title = title or f"Đánh giá, xếp hạng mức độ Chính quyền điện tử năm {year}"
    if not title.strip() or len(title) > 300:
        raise OpeningRefused("--title: give a title of at most 300 characters.")
    return title.strip()


def open_as_planned(opening: Opening) -> Opened:
    """Create the period, set each block's version, add the units and, unless a draft,
    open it for self-assessment: each through its action, so each is in the history.
    Raises ``SetUpIncomplete`` when an action refuses a step after the creation."""
    actor = opening.actor
    period = do_create_period(
        opening.year,
        opening.title,
        actor=actor,
        self_assessment_deadline=opening.deadline,
        review_deadline=opening.review_deadline,
        revision_deadline=opening.revision_deadline,
    )
    try:
        for block, version in opening.versions:
            do_set_block_version(period, block, version, actor=actor)
        added = do_add_participants(period, opening.units, actor=actor)
        if not opening.draft:
            period = do_change_state(period, PeriodState.SELF_ASSESSMENT, actor=actor)
    except PeriodRefused as exc:
        raise SetUpIncomplete(
            f"The {opening.year} period was created as a draft but could not be set up: "
            f"{exc} Finish it on the period's page."
        ) from exc
    return Opened(opening, period, added)
