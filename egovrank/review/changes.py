"""What the unit changed between its last two submissions, criterion by criterion, so
a reviewer re-reading a revised form goes straight to what moved."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from egovrank.assessments.models import Assessment

__all__ = ["Change", "changes_since_previous_submission"]

_EMPTY: dict[str, Any] = {
    "value": "",
    "not_applicable": False,
    "note": "",
    "evidence_explanation": "",
    "files": [],
    "links": [],
}


@dataclass(frozen=True)
class Change:
    code: str
    before: dict[str, Any]
    after: dict[str, Any]

    def _items(self, side: dict[str, Any], key: str) -> dict[Any, str]:
        """id → name of the files or links on one side (by id: a file replaced by
        another of the same name is a removal and an addition)."""
        return {pk: name for pk, name in side.get(key, [])}

    def _evidence_only_in(self, side: dict[str, Any], other: dict[str, Any]) -> list[str]:
        names = []
        for key in ("files", "links"):
            others = self._items(other, key)
            names += [name for pk, name in self._items(side, key).items() if pk not in others]
        return sorted(names)

    @property
    def answer_changed(self) -> bool:
        keys = ("value", "not_applicable")
        return any(self.before.get(k) != self.after.get(k) for k in keys)

    @property
    def note_changed(self) -> bool:
        keys = ("note", "evidence_explanation")
        return any(self.before.get(k) != self.after.get(k) for k in keys)

    @property
    def added_evidence(self) -> list[str]:
        return self._evidence_only_in(self.after, self.before)

    @property
    def removed_evidence(self) -> list[str]:
        return self._evidence_only_in(self.before, self.after)


def changes_since_previous_submission(assessment: Assessment | None) -> dict[str, Change]:
    """Per criterion, what differs between the latest submission and the one before
    it (empty for a first submission)."""
    if assessment is None:
        return {}
    last_two = list(assessment.submissions.order_by("-number")[:2])
    if len(last_two) < 2:
        return {}
    after, before = last_two[0].entries, last_two[1].entries
    changes = {}
    for code in sorted(set(before) | set(after)):
        old = {**_EMPTY, **before.get(code, {})}
        new = {**_EMPTY, **after.get(code, {})}
        if old != new:
            changes[code] = Change(code, old, new)
    return changes
