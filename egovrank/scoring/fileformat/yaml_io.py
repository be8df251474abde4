"""Criteria sets as YAML files (the project's own format; see docs/criteria-format.md).

Numbers are read as ``Decimal`` straight from their text, never through ``float``.
Every value's line is remembered so a problem names the file, the line and the node.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path as FilePath
from typing import Any

import yaml

from ..tree import CriteriaSet
from .build import Path, build_criteria_set, document_of
from .problems import CriteriaFileError, Problem

__all__ = ["dump_criteria_set", "load_criteria_set", "loads_criteria_set"]


class _DecimalLoader(yaml.SafeLoader):
    """SafeLoader that reads floats as Decimal."""


def _construct_decimal(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Decimal:
    text = str(loader.construct_scalar(node)).replace("_", "")
    return Decimal(text)


_DecimalLoader.add_constructor("tag:yaml.org,2002:float", _construct_decimal)


class _Dumper(yaml.SafeDumper):
    """SafeDumper that writes Decimal as a plain number."""


def _represent_decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.ScalarNode:
    text = (
        format(value.normalize(), "f") if value == value.to_integral_value() else format(value, "f")
    )
    tag = "tag:yaml.org,2002:int" if "." not in text else "tag:yaml.org,2002:float"
    return dumper.represent_scalar(tag, text)


_Dumper.add_representer(Decimal, _represent_decimal)


def _lines(
    node: yaml.Node, path: Path, into: dict[Path, int], duplicates: list[tuple[Path, int]]
) -> None:
    into[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in seen:
                duplicates.append((path + (key,), key_node.start_mark.line + 1))
            seen.add(key)
            _lines(value_node, path + (key,), into, duplicates)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _lines(item, path + (index,), into, duplicates)


def loads_criteria_set(text: str, filename: str = "<text>") -> CriteriaSet:
    """Read a criteria set from YAML text; ``filename`` is used in messages."""
    try:
        loader = _DecimalLoader(text)
        try:
            root = loader.get_single_node()
            document: Any = loader.construct_document(root) if root is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 if mark is not None else 0
        raise CriteriaFileError(
            filename, [Problem(f"{filename}, line {line}", f"not valid YAML: {exc.problem}")]
        ) from None
    if root is None:
        raise CriteriaFileError(filename, [Problem(f"{filename}, line 1", "the file is empty")])
    lines: dict[Path, int] = {}
    duplicates: list[tuple[Path, int]] = []
    _lines(root, (), lines, duplicates)
    if duplicates:
        raise CriteriaFileError(
            filename,
            [
                Problem(f"{filename}, line {line}", "key given twice", None, str(path[-1]))
                for path, line in duplicates
            ],
        )

    def locate(path: Path) -> str:
        for cut in range(len(path), -1, -1):
            if path[:cut] in lines:
                return f"{filename}, line {lines[path[:cut]]}"
        return filename

    return build_criteria_set(document, locate, filename)


def load_criteria_set(path: str | FilePath) -> CriteriaSet:
    """Read a criteria set from a YAML file."""
    file = FilePath(path)
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise CriteriaFileError(
            str(file), [Problem(str(file), "the file is not UTF-8 text")]
        ) from None
    return loads_criteria_set(text, str(file))


def dump_criteria_set(criteria_set: CriteriaSet) -> str:
    """The set as YAML text that ``loads_criteria_set`` reads back to an equal set."""
    return yaml.dump(
        document_of(criteria_set),
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=100,
    )
