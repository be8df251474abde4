"""Criteria sets as YAML files (the project's own format; see docs/criteria-format.md).

Numbers are read as ``Decimal`` straight from their text, never through ``float``.
Every value's line is remembered so a problem names the file, the line and the node.

A hostile file costs bounded work: it is refused before it is composed when it is larger
than ``MAX_BYTES``, nests deeper than ``MAX_DEPTH`` or uses an alias (``*name``: ten
nested lines of them expand to a billion values); a number with more than
``MAX_DIGITS`` digits, or not finite (``.inf``, ``.nan``), is a problem on its line.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path as FilePath
from typing import Any

import yaml

from ..tree import CriteriaSet
from .build import Path, build_criteria_set, document_of
from .problems import CriteriaFileError, Problem, Text, at_line, gettext_noop

__all__ = ["dump_criteria_set", "load_criteria_set", "loads_criteria_set"]

MAX_BYTES = 2 * 1024 * 1024  # the shipped sets are about 30 KB
MAX_DEPTH = 64  # a set nests a few levels; the composer recurses once per level
MAX_DIGITS = 30  # points and shares need a handful
MAX_PROBLEMS = 20  # of one kind, before composing: enough to fix the file by


@dataclass(frozen=True)
class _UnusableNumber:
    """A number too long or not finite, kept so that the format's checks report it on
    its line and node; its text is shortened for the message."""

    text: str

    def __repr__(self) -> str:
        shown = (
            self.text
            if len(self.text) <= 24
            else f"{self.text[:20]}… ({len(self.text)} characters)"
        )
        return f"{shown} (not a number the app can use: too long or not finite)"


class _DecimalLoader(yaml.SafeLoader):
    """SafeLoader that reads floats as Decimal and refuses numbers it cannot use."""


def _digits(text: str) -> int:
    return sum(ch.isdigit() or ch in "abcdefABCDEF" for ch in text)


def _construct_decimal(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Decimal | _UnusableNumber:
    text = str(loader.construct_scalar(node)).replace("_", "")
    try:
        value = Decimal(text)
    except InvalidOperation:  # .inf, .nan and their spellings
        return _UnusableNumber(text)
    if not value.is_finite() or _digits(text) > MAX_DIGITS or abs(value.adjusted()) > MAX_DIGITS:
        return _UnusableNumber(text)
    return value


def _construct_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int | _UnusableNumber:
    text = str(loader.construct_scalar(node))
    if _digits(text.lower().removeprefix("0x").removeprefix("-0x")) > MAX_DIGITS:
        return _UnusableNumber(text)
    value: int = yaml.SafeLoader.construct_yaml_int(loader, node)
    return value


_DecimalLoader.add_constructor("tag:yaml.org,2002:float", _construct_decimal)
_DecimalLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)


# libyaml's parser when PyYAML has it: the scan then costs a twentieth of the composing.
_EVENTS = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _too_deep() -> Text:
    return Text(gettext_noop("values nested deeper than %(depth)s levels"), depth=MAX_DEPTH)


def _too_large() -> Text:
    limit = MAX_BYTES // 1024 // 1024
    return Text(gettext_noop("the file is larger than %(limit)s MB: nothing was read"), limit=limit)


class _Scan:
    """One pass over the parser's events, before anything is composed: the depth, the
    aliases, and the code of the node each event is in (for the problems' places)."""

    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.problems: list[Problem] = []
        # Per open collection: is it a mapping, is a key expected next, the last key,
        # and the mapping's ``code`` once read.
        self.stack: list[list[Any]] = []

    def code(self) -> str | None:
        for frame in reversed(self.stack):
            if frame[3] is not None:
                return str(frame[3])
        return None

    def problem(self, mark: Any, message: str) -> None:
        where = at_line(self.filename, mark.line + 1 if mark is not None else 1)
        self.problems.append(Problem(where, message, self.code()))

    def value_done(self) -> None:
        if self.stack and self.stack[-1][0]:
            self.stack[-1][1] = True

    def run(self, text: str) -> list[Problem]:
        try:
            for event in yaml.parse(text, Loader=_EVENTS):
                if not self.see(event):
                    break
        except yaml.MarkedYAMLError as exc:
            # libyaml stops at its own nesting limit while scanning ahead; other errors
            # are the composer's to report, but composing a deep file would crash.
            problem: str = Text(gettext_noop("not valid YAML: %(problem)s"), problem=exc.problem)
            if "nesting depth" in problem:
                problem = _too_deep()
            self.problem(exc.problem_mark, problem)
        return self.problems

    def see(self, event: yaml.Event) -> bool:
        if isinstance(event, yaml.CollectionStartEvent):
            if len(self.stack) >= MAX_DEPTH:
                self.problem(event.start_mark, _too_deep())
                return False
            self.stack.append([isinstance(event, yaml.MappingStartEvent), True, None, None])
        elif isinstance(event, yaml.CollectionEndEvent):
            self.stack.pop()
            self.value_done()
        elif isinstance(event, yaml.AliasEvent):
            self.problem(
                event.start_mark,
                Text(
                    gettext_noop(
                        "aliases (*name) are not allowed in a criteria file: write the value out"
                    )
                ),
            )
            self.value_done()
            return len(self.problems) < MAX_PROBLEMS
        elif isinstance(event, yaml.ScalarEvent) and self.stack and self.stack[-1][0]:
            frame = self.stack[-1]
            if frame[1]:
                frame[1], frame[2] = False, event.value
            else:
                if frame[2] == "code":
                    frame[3] = event.value
                frame[1] = True
        return True


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
    if len(text) > MAX_BYTES:
        raise CriteriaFileError(filename, [Problem(filename, _too_large())])
    scanned = _Scan(filename).run(text)
    if scanned:
        raise CriteriaFileError(filename, scanned)
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
            filename,
            [
                Problem(
                    at_line(filename, line),
                    Text(gettext_noop("not valid YAML: %(problem)s"), problem=exc.problem),
                )
            ],
        ) from None
    if root is None:
        raise CriteriaFileError(
            filename, [Problem(at_line(filename, 1), Text(gettext_noop("the file is empty")))]
        )
    lines: dict[Path, int] = {}
    duplicates: list[tuple[Path, int]] = []
    _lines(root, (), lines, duplicates)
    if duplicates:
        raise CriteriaFileError(
            filename,
            [
                Problem(
                    at_line(filename, line),
                    Text(gettext_noop("key given twice")),
                    None,
                    str(path[-1]),
                )
                for path, line in duplicates
            ],
        )

    def locate(path: Path) -> str:
        for cut in range(len(path), -1, -1):
            if path[:cut] in lines:
                return at_line(filename, lines[path[:cut]])
        return filename

    return build_criteria_set(document, locate, filename)


def load_criteria_set(path: str | FilePath) -> CriteriaSet:
    """Read a criteria set from a YAML file."""
    file = FilePath(path)
    if file.stat().st_size > MAX_BYTES:
        raise CriteriaFileError(str(file), [Problem(str(file), _too_large())])
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise CriteriaFileError(
            str(file), [Problem(str(file), Text(gettext_noop("the file is not UTF-8 text")))]
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
