"""The criteria sets shipped inside the package (``scoring/sets/*.yaml``)."""

from __future__ import annotations

from functools import cache
from importlib import resources

from .fileformat.yaml_io import loads_criteria_set
from .tree import CriteriaSet

__all__ = ["HUNG_YEN_SET_IDS", "packaged_set", "packaged_set_ids", "packaged_set_text"]

_SETS = "egovrank.scoring.sets"

# The province's own sets: the demo and the test world run on them, and "Add the shipped
# Hưng Yên sets" stores them. The other shipped sets are frameworks (the national DTI,
# the provincial DTI templates) that a province adopts one by one from the catalogue.
HUNG_YEN_SET_IDS = ("hungyen-2018-khoi01", "hungyen-2018-khoi02", "hungyen-2018-khoi03")


def packaged_set_ids() -> list[str]:
    """Ids of the shipped sets, sorted."""
    folder = resources.files(_SETS)
    return sorted(
        p.name.removesuffix(".yaml") for p in folder.iterdir() if p.name.endswith(".yaml")
    )


def packaged_set_text(set_id: str) -> str:
    if set_id not in packaged_set_ids():
        raise KeyError(set_id)
    return resources.files(_SETS).joinpath(f"{set_id}.yaml").read_text("utf-8")


@cache
def packaged_set(set_id: str) -> CriteriaSet:
    """A shipped set by id, e.g. ``hungyen-2018-khoi01`` (loaded once, immutable)."""
    return loads_criteria_set(packaged_set_text(set_id), f"{set_id}.yaml")
