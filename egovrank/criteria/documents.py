"""Edits of a criteria set, made on its plain document (the file format's shape).

An edit changes the document that ``scoring.fileformat.document_of`` gives; the action
then rebuilds the set from it with ``build_criteria_set``, so an edit made in the app
passes exactly the checks a file passes. The functions here only find nodes and move
data around; whether the result is a valid set is the file format's business.

Each edit returns what it changed, before and after, as plain JSON-ready data for the
audit trail.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from .field_names import field_label

__all__ = [
    "NODE_KEYS",
    "AddNode",
    "ChangeLevels",
    "ChangeMeta",
    "ChangeNode",
    "DeleteNode",
    "Edit",
    "EditError",
    "MoveNode",
    "ReparentNode",
    "describe_path",
    "find_node",
    "json_ready",
    "node_path",
    "walk",
]

Document = dict[str, Any]
Path = tuple[str | int, ...]

# The node keys the app's node form manages; any other key (data_source, verifier,
# source, note, children) is kept as it is.
NODE_KEYS = (
    "code",
    "name",
    "name_en",
    "max_points",
    "rule",
    "allow_na",
    "required",
    "guidance",
    "status",
)
# Evidence keys the form manages; data_source and verifier are kept.
EVIDENCE_KEYS = ("required", "documents")
# Values that mean "left out" for each managed key (the format's defaults).
_DEFAULTS: dict[str, Any] = {"allow_na": False, "required": True}


class EditError(ValueError):
    """An edit that cannot be made at all (a node that is not there, a move into
    itself); the message is for people."""


def json_ready(value: Any) -> Any:
    """``value`` with Decimals as text, so it can be stored in the audit trail."""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, Mapping):
        return {str(k): json_ready(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_ready(v) for v in value]
    return value


def walk(
    nodes: list[dict[str, Any]], path: Path = ("nodes",), depth: int = 0
) -> Iterator[tuple[dict[str, Any], Path, int]]:
    """Every node under ``nodes`` with its path and depth, parents before children."""
    for index, node in enumerate(nodes):
        here = path + (index,)
        yield node, here, depth
        yield from walk(node.get("children", []), here + ("children",), depth + 1)


def node_path(document: Document, code: str) -> Path | None:
    for node, path, _depth in walk(document["nodes"]):
        if node.get("code") == code:
            return path
    return None


def _at(document: Document, path: Path) -> Any:
    current: Any = document
    for step in path:
        current = current[step]
    return current


def find_node(document: Document, code: str) -> tuple[list[dict[str, Any]], int]:
    """The list that holds the node with ``code`` and its index in that list."""
    path = node_path(document, code)
    if path is None:
        raise EditError(_("There is no criterion with the code %(code)s.") % {"code": code})
    return _at(document, path[:-1]), int(path[-1])


def _parent_code(document: Document, code: str) -> str | None:
    path = node_path(document, code)
    if path is None or len(path) == 2:
        return None
    return str(_at(document, path[:-2])["code"])


def describe_path(document: Any, path: Path) -> str:
    """A place in the document for people: node codes, then the field's label in the
    reader's language (``HT › HT1 › Rule › Bands 2 › Points``)."""
    parts: list[str] = []
    current = document
    for index, step in enumerate(path):
        try:
            current = current[step]
        except (KeyError, IndexError, TypeError):
            parts.append(field_label(step))
            continue
        previous = path[index - 1] if index else None
        if previous in ("nodes", "children") and isinstance(current, Mapping):
            parts.append(str(current.get("code", int(step) + 1)))
        elif step in ("nodes", "children"):
            continue
        elif isinstance(step, int):
            parts[-1] = f"{parts[-1]} {step + 1}" if parts else str(step + 1)
        else:
            parts.append(field_label(step))
    return " › ".join(parts) or _("the set")


def _drop_rule(parent: dict[str, Any]) -> Any:
    """A criterion given a sub-criterion becomes a group: its points are now the sum of
    its children, so its own rule goes."""
    return parent.pop("rule", None)


def _remove(siblings: list[dict[str, Any]], index: int, document: Document, path: Path) -> None:
    del siblings[index]
    # An emptied group loses its "children" key: the format then asks it for a rule,
    # which says what is wrong better than "[] is too short".
    if not siblings and len(path) > 2:
        del _at(document, path[:-2])["children"]


class Edit:
    """One change to a set's document."""

    action = "edited"

    def apply(self, document: Document) -> tuple[Any, Any]:
        """Change ``document`` in place; return what changed, before and after."""
        raise NotImplementedError

    def summary(self) -> str:
        raise NotImplementedError

    @property
    def focus(self) -> str | None:
        """The code of the node the edit is about, once made (for placing problems)."""
        return None


@dataclass
class ChangeNode(Edit):
    """Set the form-managed fields of one node; ``values`` holds every key of
    ``NODE_KEYS`` (None or a default value leaves it out) and ``evidence``."""

    code: str
    values: dict[str, Any]
    evidence: dict[str, Any] = field(default_factory=dict)
    # The group's new maximum, changed in the same edit (None: left as it is).
    parent_max: Any = None
    action = "node_changed"

    def apply(self, document: Document) -> tuple[Any, Any]:
        siblings, index = find_node(document, self.code)
        node = siblings[index]
        parent_change = self._change_parent(document)
        before = {k: v for k, v in node.items() if k != "children"}
        for key in NODE_KEYS:
            value = self.values.get(key)
            if value is None or value == "" or _DEFAULTS.get(key, object()) == value:
                node.pop(key, None)
            else:
                node[key] = value
        evidence = dict(node.get("evidence", {}))
        for key in EVIDENCE_KEYS:
            value = self.evidence.get(key)
            if value:
                evidence[key] = value
            else:
                evidence.pop(key, None)
        if evidence:
            node["evidence"] = evidence
        else:
            node.pop("evidence", None)
        # Keep the document's key order stable: code and name first, children last.
        children = node.pop("children", None)
        if children is not None:
            node["children"] = children
        after = {k: v for k, v in node.items() if k != "children"}
        changed = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
        was = {"code": self.code, **{k: before.get(k) for k in changed}}
        now = {"code": node.get("code"), **{k: after.get(k) for k in changed}}
        if parent_change is not None:
            was["parent_max_points"], now["parent_max_points"] = parent_change
        return was, now

    def _change_parent(self, document: Document) -> tuple[Any, Any] | None:
        path = node_path(document, self.code)
        if self.parent_max is None or path is None or len(path) < 4:
            return None
        parent = _at(document, path[:-2])
        before = parent.get("max_points")
        if before == self.parent_max:
            return None
        parent["max_points"] = self.parent_max
        return before, self.parent_max

    def summary(self) -> str:
        new_code = self.values.get("code") or self.code
        if new_code != self.code:
            return f"criterion {self.code} changed (now {new_code})"
        return f"criterion {self.code} changed"

    @property
    def focus(self) -> str | None:
        return str(self.values.get("code") or self.code)


@dataclass
class AddNode(Edit):
    """Add ``node`` as the last child of ``parent``, or as the last top-level node."""

    parent: str | None
    node: dict[str, Any]
    action = "node_added"

    def apply(self, document: Document) -> tuple[Any, Any]:
        dropped = None
        if self.parent is None:
            document["nodes"].append(self.node)
        else:
            siblings, index = find_node(document, self.parent)
            parent = siblings[index]
            dropped = _drop_rule(parent)
            parent.setdefault("children", []).append(self.node)
        after: dict[str, Any] = {"parent": self.parent, "node": self.node}
        if dropped is not None:
            after["parent_rule_removed"] = dropped
        return None, after

    def summary(self) -> str:
        where = f" under {self.parent}" if self.parent else " at the top level"
        return f"criterion {self.node.get('code')} added{where}"

    @property
    def focus(self) -> str | None:
        return str(self.node.get("code"))


@dataclass
class MoveNode(Edit):
    """Move a node one place up (``offset=-1``) or down (``+1``) among its siblings."""

    code: str
    offset: int
    action = "node_moved"

    def apply(self, document: Document) -> tuple[Any, Any]:
        siblings, index = find_node(document, self.code)
        target = index + self.offset
        if not 0 <= target < len(siblings):
            if self.offset < 0:
                message = _("%(code)s is already the first of its group.")
            else:
                message = _("%(code)s is already the last of its group.")
            raise EditError(message % {"code": self.code})
        siblings[index], siblings[target] = siblings[target], siblings[index]
        return {"position": index + 1}, {"position": target + 1}

    def summary(self) -> str:
        return f"criterion {self.code} moved {'up' if self.offset < 0 else 'down'}"

    @property
    def focus(self) -> str | None:
        return self.code


@dataclass
class ReparentNode(Edit):
    """Move a node, with everything under it, to the end of another parent's children
    (``parent=None``: to the top level)."""

    code: str
    parent: str | None
    action = "node_moved"

    def apply(self, document: Document) -> tuple[Any, Any]:
        path = node_path(document, self.code)
        siblings, index = find_node(document, self.code)
        node = siblings[index]
        if self.parent is not None:
            inside = {n.get("code") for n, _p, _d in walk([node])}
            if self.parent in inside:
                raise EditError(
                    _("%(code)s cannot be moved under itself or one of its sub-criteria.")
                    % {"code": self.code}
                )
            find_node(document, self.parent)  # it must exist
        old_parent = _parent_code(document, self.code)
        if old_parent == self.parent:
            raise EditError(_("%(code)s is already there.") % {"code": self.code})
        assert path is not None
        _remove(siblings, index, document, path)
        dropped = None
        if self.parent is None:
            document["nodes"].append(node)
        else:
            new_siblings, new_index = find_node(document, self.parent)
            parent = new_siblings[new_index]
            dropped = _drop_rule(parent)
            parent.setdefault("children", []).append(node)
        after: dict[str, Any] = {"parent": self.parent}
        if dropped is not None:
            after["parent_rule_removed"] = dropped
        return {"parent": old_parent}, after

    def summary(self) -> str:
        where = f"under {self.parent}" if self.parent else "to the top level"
        return f"criterion {self.code} moved {where}"

    @property
    def focus(self) -> str | None:
        return self.code


@dataclass
class DeleteNode(Edit):
    """Delete a node and everything under it."""

    code: str
    action = "node_deleted"

    def apply(self, document: Document) -> tuple[Any, Any]:
        path = node_path(document, self.code)
        siblings, index = find_node(document, self.code)
        node = siblings[index]
        parent = _parent_code(document, self.code)
        assert path is not None
        _remove(siblings, index, document, path)
        return {"parent": parent, "node": node}, None

    def summary(self) -> str:
        return f"criterion {self.code} deleted"


# The metadata keys the app's form manages; legal_basis keys it does not know are kept.
META_KEYS = ("title", "province", "version", "valid_from", "reconstructed", "provenance")
LEGAL_KEYS = ("number", "date", "issuer", "signer")


@dataclass
class ChangeMeta(Edit):
    """Set the set's description: ``values`` has ``META_KEYS``, ``block_code``,
    ``block_name``, ``legal`` (a dict of ``LEGAL_KEYS``) and ``sources`` (a list).
    The identifier is not among them: a version keeps its id for life."""

    values: dict[str, Any]
    action = "metadata_changed"

    def apply(self, document: Document) -> tuple[Any, Any]:
        keys = (*META_KEYS, "block", "legal_basis", "sources")
        before = {k: document.get(k) for k in keys}
        for key in META_KEYS:
            value = self.values.get(key)
            if value is None or value == "":
                document.pop(key, None)
            else:
                document[key] = value
        document["reconstructed"] = bool(self.values.get("reconstructed"))
        block = {
            k: v
            for k, v in (
                ("code", self.values.get("block_code")),
                ("name", self.values.get("block_name")),
            )
            if v
        }
        if block:
            document["block"] = block
        else:
            document.pop("block", None)
        legal = dict(document.get("legal_basis", {}))
        for key in LEGAL_KEYS:
            value = self.values.get("legal", {}).get(key)
            if value:
                legal[key] = value
            else:
                legal.pop(key, None)
        if legal:
            document["legal_basis"] = legal
        else:
            document.pop("legal_basis", None)
        sources = [s for s in self.values.get("sources", []) if s]
        if sources:
            document["sources"] = sources
        else:
            document.pop("sources", None)
        after = {k: document.get(k) for k in keys}
        changed = [k for k in keys if before[k] != after[k]]
        return {k: before[k] for k in changed}, {k: after[k] for k in changed}

    def summary(self) -> str:
        return "description of the set changed"


@dataclass
class ChangeLevels(Edit):
    """Replace the levels (highest threshold first)."""

    levels: list[dict[str, Any]]
    action = "levels_changed"

    def apply(self, document: Document) -> tuple[Any, Any]:
        before = document.get("levels")
        document["levels"] = self.levels
        return before, self.levels

    def summary(self) -> str:
        return "levels changed"
