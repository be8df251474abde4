"""The bridge from stored versions to the scoring core's ``CriteriaSet``.

A version's set is parsed once per revision and kept in memory: a form page scores
against it on every keystroke.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from functools import lru_cache

from django.db import transaction
from django.db.models import QuerySet

from egovrank.scoring.catalogue import (
    HUNG_YEN_SET_IDS,
    packaged_set,
    packaged_set_ids,
    packaged_set_text,
)
from egovrank.scoring.fileformat.yaml_io import loads_criteria_set
from egovrank.scoring.tree import CriteriaSet

from .models import CriteriaVersion

__all__ = [
    "criteria_set_by_stamp",
    "criteria_set_of",
    "ensure_shipped_versions",
    "frozen_versions",
    "is_frozen",
    "version_fields",
]


@lru_cache(maxsize=64)
def _parsed(pk: int, revision: int, text: str) -> CriteriaSet:
    return loads_criteria_set(text, f"version-{pk}.yaml")


def criteria_set_of(version: CriteriaVersion) -> CriteriaSet:
    """The validated set of a stored version."""
    return _parsed(version.pk, version.revision, version.source_yaml)


_BY_STAMP: dict[tuple[int, int, datetime], CriteriaSet] = {}


def criteria_set_by_stamp(pk: int, revision: int, updated_at: datetime) -> CriteriaSet:
    """The set of version ``pk`` as of ``revision``, reading its text from the database
    only the first time: a form's every save needs the set, and the text is large.
    ``updated_at`` (microseconds) makes the key unique even where ids are reused, as
    between tests."""
    key = (pk, revision, updated_at)
    found = _BY_STAMP.get(key)
    if found is None:
        text = CriteriaVersion.objects.values_list("source_yaml", flat=True).get(pk=pk)
        if len(_BY_STAMP) >= 64:
            _BY_STAMP.clear()
        found = _BY_STAMP[key] = _parsed(pk, revision, text)
    return found


def version_fields(criteria_set: CriteriaSet) -> dict[str, str]:
    """The columns a version copies from its set's metadata."""
    meta = criteria_set.meta
    return {
        "set_id": meta.id,
        "title": meta.title,
        "block_code": meta.block_code,
        "version": meta.version,
    }


def frozen_versions() -> QuerySet[CriteriaVersion]:
    """The versions used by a period that holds an answer: frozen, never edited again."""
    return CriteriaVersion.objects.filter(
        period_blocks__period__participants__assessment__answers__isnull=False
    ).distinct()


def is_frozen(version: CriteriaVersion) -> bool:
    """Whether a period using this version already holds an answer."""
    return frozen_versions().filter(pk=version.pk).exists()


@transaction.atomic
def ensure_shipped_versions(set_ids: Iterable[str] = HUNG_YEN_SET_IDS) -> list[CriteriaVersion]:
    """The shipped sets ``set_ids`` (by default the Hưng Yên ones), stored as versions
    if they are not yet. An id that is not shipped raises ``KeyError``."""
    shipped = packaged_set_ids()
    versions = []
    for set_id in set_ids:
        if set_id not in shipped:
            raise KeyError(set_id)
        version = CriteriaVersion.objects.filter(set_id=set_id).first()
        if version is None:
            fields = version_fields(packaged_set(set_id))
            version = CriteriaVersion.objects.create(
                source_yaml=packaged_set_text(set_id), **fields
            )
        versions.append(version)
    return versions
