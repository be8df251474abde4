"""Every change to the stored criteria-set versions goes through one of these actions.

Each runs in one transaction and writes its audit event inside it, so a change and its
record commit together or not at all (CONTRIBUTING.md, a change of state). Edits are made on the
set's document and rebuilt with the file format's own checks: a set the YAML reader
would refuse is never stored.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from egovrank.accounts.models import User
from egovrank.core.audit import record
from egovrank.scoring.catalogue import HUNG_YEN_SET_IDS, packaged_set_ids
from egovrank.scoring.fileformat.build import build_criteria_set, document_of
from egovrank.scoring.fileformat.problems import CriteriaFileError
from egovrank.scoring.fileformat.yaml_io import dump_criteria_set
from egovrank.scoring.tree import CriteriaSet

from .documents import Edit, EditError, describe_path, json_ready
from .files import read_criteria_file
from .models import CriteriaVersion
from .versions import criteria_set_of, ensure_shipped_versions, is_frozen, version_fields

__all__ = [
    "FrozenVersion",
    "InvalidEdit",
    "StaleVersion",
    "VersionRefused",
    "do_add_shipped_versions",
    "do_copy_version",
    "do_edit_version",
    "do_import_version",
    "locator",
]

# The id is also the page address (a Django slug), so it is stricter than the file
# format's pattern: no dots, no capitals.
_SET_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def _field(name: str) -> models.Field[Any, Any]:
    field = CriteriaVersion._meta.get_field(name)
    assert isinstance(field, models.Field)
    return field


_LIMITS = {name: _field(name).max_length for name in ("set_id", "title", "block_code", "version")}


class VersionRefused(ValueError):
    """A change refused as a whole; the message says why, for people."""


class FrozenVersion(VersionRefused):
    """The version is used by a period that holds answers."""

    def __init__(self, version: CriteriaVersion) -> None:
        self.version = version
        super().__init__(
            _(
                "%(set_id)s is frozen: a period using it already holds answers, so results "
                "computed from it must stay reproducible. Copy it to a new version and edit "
                "the copy."
            )
            % {"set_id": version.set_id}
        )


class StaleVersion(VersionRefused):
    """The version changed after the page making the edit was opened."""

    def __init__(self, version: CriteriaVersion) -> None:
        self.version = version
        person = version.updated_by
        who = (person.get_full_name() or person.username) if person else _("someone")
        when = date_format(timezone.localtime(version.updated_at), "SHORT_DATETIME_FORMAT")
        super().__init__(
            _(
                "This version was changed by %(who)s at %(when)s since you opened it; "
                "nothing was saved. Reload the page to see the change, then edit again."
            )
            % {"who": who, "when": when}
        )


class InvalidEdit(VersionRefused):
    """The edited set would not pass the file format's checks. ``problems`` lists them,
    each placed by node codes; ``places`` maps each place back to its path in
    ``document``, the edited document that was refused."""

    def __init__(
        self,
        error: CriteriaFileError,
        places: dict[str, tuple[str | int, ...]],
        document: dict[str, Any],
    ) -> None:
        self.problems = error.problems
        self.places = places
        self.document = document
        super().__init__(
            ngettext(
                "The change was not saved: the set would have %(count)d problem.",
                "The change was not saved: the set would have %(count)d problems.",
                len(error.problems),
            )
            % {"count": len(error.problems)}
        )


def locator(document: Any, places: dict[str, tuple[str | int, ...]]) -> Callable[..., str]:
    """A ``locate`` for ``build_criteria_set`` that names a place in an edited document
    by node codes (``HT › HT1 › max_points``) and remembers each place's path."""

    def locate(path: tuple[str | int, ...]) -> str:
        where = describe_path(document, path)
        places.setdefault(where, path)
        return where

    return locate


def _check_lengths(fields: dict[str, str]) -> None:
    for name, limit in _LIMITS.items():
        if limit is not None and len(fields[name]) > limit:
            raise VersionRefused(
                _("The %(field)s is longer than %(limit)s characters.")
                % {"field": _field(name).verbose_name, "limit": limit}
            )


def _check_new(fields: dict[str, str]) -> None:
    set_id = fields["set_id"]
    if not _SET_ID.match(set_id):
        raise VersionRefused(
            _(
                "The identifier %(set_id)s may hold only lower-case letters, digits, - and _, "
                "and must start with a letter or a digit."
            )
            % {"set_id": set_id}
        )
    _check_lengths(fields)
    if CriteriaVersion.objects.filter(set_id=set_id).exists():
        raise VersionRefused(_exists_message(set_id))


def _exists_message(set_id: str) -> str:
    return _(
        "A version with the identifier %(set_id)s already exists. Give the new one another "
        "identifier, or copy the existing version and edit the copy."
    ) % {"set_id": set_id}


def _create(
    criteria_set: CriteriaSet, text: str, actor: User | None, **extra: Any
) -> CriteriaVersion:
    fields = version_fields(criteria_set)
    _check_new(fields)
    person = actor if getattr(actor, "is_authenticated", False) else None
    try:
        # A savepoint: a twin created meanwhile must not break the whole transaction.
        with transaction.atomic():
            return CriteriaVersion.objects.create(
                source_yaml=text, created_by=person, updated_by=person, **fields, **extra
            )
    except IntegrityError:
        raise VersionRefused(_exists_message(fields["set_id"])) from None


def _counts(criteria_set: CriteriaSet) -> dict[str, Any]:
    return {
        "max_total": json_ready(criteria_set.max_total),
        "criteria": sum(1 for leaf in criteria_set.leaves() if leaf.carries_points),
    }


@transaction.atomic(durable=True)
def do_import_version(
    filename: str, content: bytes, *, actor: User | None, dry_run: bool = False
) -> CriteriaVersion:
    """A new version from a .yaml or .xlsx file. All or nothing: ``CriteriaFileError``
    lists every problem of the file with its place and nothing is saved;
    ``VersionRefused`` when the identifier is taken. A dry run checks everything and
    returns the version unsaved."""
    criteria_set, text = read_criteria_file(filename, content)
    if dry_run:
        _check_new(version_fields(criteria_set))
        return CriteriaVersion(source_yaml=text, **version_fields(criteria_set))
    version = _create(criteria_set, text, actor)
    record(
        "criteria_version.imported",
        version,
        actor=actor,
        summary=f"{version.set_id} imported from {filename}",
        data={"file": filename, **_counts(criteria_set)},
    )
    return version


@transaction.atomic(durable=True)
def do_add_shipped_versions(
    *, actor: User, set_ids: Sequence[str] = HUNG_YEN_SET_IDS
) -> list[CriteriaVersion]:
    """Store the shipped sets ``set_ids`` (by default the Hưng Yên ones) that are not
    stored yet; the versions added (none when all are there). An id that is not shipped
    is refused and nothing is stored."""
    unknown = [set_id for set_id in set_ids if set_id not in packaged_set_ids()]
    if unknown:
        raise VersionRefused(
            _("%(ids)s is not a set shipped with egovrank.") % {"ids": ", ".join(unknown)}
        )
    existing = set(CriteriaVersion.objects.values_list("set_id", flat=True))
    added = [v for v in ensure_shipped_versions(set_ids) if v.set_id not in existing]
    for version in added:
        record(
            "criteria_version.imported",
            version,
            actor=actor,
            summary=f"{version.set_id} added from the sets shipped with egovrank",
            data={"file": "shipped", **_counts(criteria_set_of(version))},
        )
    return added


@transaction.atomic(durable=True)
def do_copy_version(
    source: CriteriaVersion, *, set_id: str, version_label: str, title: str, actor: User
) -> CriteriaVersion:
    """A new version with the same criteria as ``source``, under a new identifier,
    version label and title. Frozen versions may be copied: that is how criteria are
    amended."""
    document = document_of(criteria_set_of(source))
    document["id"] = set_id
    document["title"] = title
    if version_label:
        document["version"] = version_label
    else:
        document.pop("version", None)
    _check_new(
        {
            **version_fields(criteria_set_of(source)),
            "set_id": set_id,
            "title": title,
            "version": version_label,
        }
    )
    places: dict[str, tuple[str | int, ...]] = {}
    criteria_set = build_criteria_set(document, locator(document, places), f"{set_id}.yaml")
    copy = _create(criteria_set, dump_criteria_set(criteria_set), actor, copied_from=source)
    record(
        "criteria_version.copied",
        copy,
        actor=actor,
        summary=f"{copy.set_id} copied from {source.set_id}",
        data={"from": source.set_id, "from_revision": source.revision},
    )
    return copy


@transaction.atomic(durable=True)
def do_edit_version(
    version: CriteriaVersion, edit: Edit, *, actor: User, revision: int
) -> CriteriaVersion:
    """Make ``edit`` on the version's criteria set.

    Refused with ``FrozenVersion`` when a period using the version holds answers, with
    ``StaleVersion`` when the version changed since ``revision`` (the one the person's
    page showed), with ``VersionRefused`` when the edit cannot be made at all, and with
    ``InvalidEdit`` (every problem, placed by node codes) when the edited set would not
    pass the file format's checks. Nothing is saved on any refusal.

    The declared maximum total is recomputed from the tree: in the app the tree is the
    only source of the total.
    """
    locked = (
        CriteriaVersion.objects.select_for_update(of=("self",))
        .select_related("updated_by")
        .get(pk=version.pk)
    )
    if is_frozen(locked):
        raise FrozenVersion(locked)
    if locked.revision != revision:
        raise StaleVersion(locked)
    old_set = criteria_set_of(locked)
    document = document_of(old_set)
    try:
        before, after = edit.apply(document)
    except EditError as error:
        raise VersionRefused(str(error)) from error
    document.pop("max_total", None)
    places: dict[str, tuple[str | int, ...]] = {}
    try:
        new_set = build_criteria_set(document, locator(document, places), f"{locked.set_id}.yaml")
    except CriteriaFileError as error:
        raise InvalidEdit(error, places, document) from error
    _check_lengths(version_fields(new_set))
    locked.source_yaml = dump_criteria_set(new_set)
    for name, value in version_fields(new_set).items():
        setattr(locked, name, value)
    locked.revision += 1
    locked.updated_by = actor if getattr(actor, "is_authenticated", False) else None
    locked.save()
    record(
        f"criteria_version.{edit.action}",
        locked,
        actor=actor,
        summary=edit.summary(),
        data={
            # The node the edit is about, for the history to say it in the reader's words.
            "code": edit.focus or getattr(edit, "code", None),
            "revision": locked.revision,
            "before": json_ready(before),
            "after": json_ready(after),
            "max_total": [json_ready(old_set.max_total), json_ready(new_set.max_total)],
        },
    )
    return locked
