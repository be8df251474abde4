"""From a plain document (parsed YAML or Excel) to a validated ``CriteriaSet``, and back.

Both file formats are read into the same document shape, then checked here in two
passes: the JSON Schema (shape and types), then the rules the schema cannot express
(unique codes among nodes and shared figures, leaves with rules, reachable maxima,
declared total, level order, shared figures that exist and are used). Every
problem is reported with its place through the reader's ``locate`` function, and a set
with any problem is refused whole.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

import jsonschema

from ..levels import DEFAULT_LEVELS, Level, LevelScale
from ..numbers import DEFAULT_PRECISION, ZERO, Precision
from ..rules import rule_from_dict
from ..tree import CriteriaSet, Evidence, Node, Scoring, SetMeta, SharedFigure
from .problems import CriteriaFileError, Problem, Text, gettext_noop

__all__ = ["FORMAT", "Path", "build_criteria_set", "document_of", "schema", "schema_problems"]

FORMAT = "egovrank/criteria-set/1"
Path = tuple[str | int, ...]
Locate = Callable[[Path], str]


@cache
def schema() -> dict[str, Any]:
    """The JSON Schema of the criteria-set format (shipped in the package)."""
    text = resources.files(__package__).joinpath("criteria-set.schema.json").read_text("utf-8")
    result: dict[str, Any] = json.loads(text)
    return result


def node_code_at(document: Any, path: Path) -> str | None:
    """The code of the innermost node on ``path`` (for messages)."""
    code = None
    current = document
    for index, step in enumerate(path):
        try:
            current = current[step]
        except (KeyError, IndexError, TypeError):
            break
        is_node = index > 0 and path[index - 1] in {"nodes", "children"}
        if is_node and isinstance(current, Mapping) and isinstance(current.get("code"), str):
            code = current["code"]
    return code


# jsonschema quotes values with repr(): show Decimal('-5') as -5.
_DECIMAL_REPR = re.compile(r"Decimal\('([^']*)'\)")


def schema_problems(document: Any, locate: Locate) -> list[Problem]:
    """Problems the JSON Schema finds, each placed by ``locate``."""
    validator = jsonschema.Draft202012Validator(schema())
    problems = []
    for error in validator.iter_errors(document):
        # if/then wrappers produce one error per failed branch: report the leaf causes.
        causes = error.context or [error]
        for cause in causes:
            path: Path = tuple(cause.absolute_path)
            field = str(path[-1]) if path and isinstance(path[-1], str) else ""
            message = _DECIMAL_REPR.sub(r"\1", cause.message)
            problems.append(Problem(locate(path), message, node_code_at(document, path), field))
    unique = list(dict.fromkeys(problems))
    return unique


def _dec(value: Any) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


class _Builder:
    def __init__(self, document: Mapping[str, Any], locate: Locate) -> None:
        self.document = document
        self.locate = locate
        self.problems: list[Problem] = []
        self.seen: dict[str, Path] = {}
        # (path of the reference, criterion code, field, figure code) of every rule
        # that names a shared figure: checked once the whole tree is read.
        self.references: list[tuple[Path, str, str, str]] = []
        self.scoring = self._scoring()

    def _scoring(self) -> Scoring:
        raw = self.document.get("scoring", {})
        precision = Precision(
            points_decimals=raw.get("points_decimals", DEFAULT_PRECISION.points_decimals),
            percent_decimals=raw.get("percent_decimals", DEFAULT_PRECISION.percent_decimals),
            rounding=raw.get("rounding", DEFAULT_PRECISION.rounding),
            round_at=raw.get("round_at", DEFAULT_PRECISION.round_at),
        )
        scale = raw.get("converted_scale")
        return Scoring(
            precision=precision,
            converted_scale=None if scale is None else _dec(scale),
            tie_order=raw.get("tie_order", "alphabetical"),
        )

    def problem(self, path: Path, message: str, code: str | None = None, field: str = "") -> None:
        self.problems.append(Problem(self.locate(path), message, code, field))

    def points(self, value: Any, path: Path, code: str | None, field: str) -> Decimal:
        number = _dec(value)
        precision = self.scoring.precision
        if number != number.quantize(precision.quantum, rounding="ROUND_HALF_UP"):
            places = precision.points_decimals
            self.problem(
                path,
                _places_text(places),
                code,
                field,
            )
        return number

    def claim(self, code: str, path: Path) -> None:
        """A node's or a shared figure's code: unique among both."""
        if code in self.seen:
            first = self.locate(self.seen[code])
            message = Text(gettext_noop("duplicate code (first used at %(first)s)"), first=first)
            self.problem(path + ("code",), message, code, "code")
        else:
            self.seen[code] = path

    def origin(self, data: Mapping[str, Any], path: Path, code: str) -> tuple[str, str]:
        """``origin`` and ``origin_system``; a system is named only for origin: system
        (the schema requires it there)."""
        origin = data.get("origin", "unit")
        system = data.get("origin_system", "")
        if system and origin != "system":
            message = Text(
                gettext_noop(
                    "origin_system is given only with origin: system (origin is %(origin)s)"
                ),
                origin=origin,
            )
            self.problem(path + ("origin_system",), message, code, "origin_system")
        return origin, system

    def figures(self) -> tuple[SharedFigure, ...]:
        figures = []
        for index, data in enumerate(self.document.get("figures", [])):
            path: Path = ("figures", index)
            code = data["code"]
            self.claim(code, path)
            origin, system = self.origin(data, path, code)
            figures.append(
                SharedFigure(code, data["name"], data.get("name_en", ""), origin, system)
            )
        return tuple(figures)

    def check_references(self, figures: tuple[SharedFigure, ...]) -> None:
        """Every figure a rule names is declared, and every declared figure is used."""
        declared = {figure.code for figure in figures}
        used: set[str] = set()
        for path, code, field, named in self.references:
            used.add(named)
            if named not in declared:
                known = ", ".join(sorted(declared)) or "—"
                message = Text(
                    gettext_noop("no shared figure '%(named)s' in figures (%(known)s)"),
                    named=named,
                    known=known,
                )
                self.problem(path, message, code, field)
        unused = Text(
            gettext_noop(
                "the shared figure is used by no criterion (numerator_figure or denominator_figure)"
            )
        )
        for index, figure in enumerate(figures):
            if figure.code not in used:
                self.problem(("figures", index, "code"), unused, figure.code, "code")

    def node(self, data: Mapping[str, Any], path: Path) -> Node:
        code = data["code"]
        self.claim(code, path)
        max_points = None
        if "max_points" in data:
            max_points = self.points(data["max_points"], path + ("max_points",), code, "max_points")
        children = tuple(
            self.node(child, path + ("children", index))
            for index, child in enumerate(data.get("children", []))
        )
        rule = None
        if "rule" in data:
            rule = rule_from_dict(data["rule"])
            for field in ("numerator_figure", "denominator_figure"):
                if field in data["rule"]:
                    where = path + ("rule", field)
                    self.references.append((where, code, f"rule.{field}", data["rule"][field]))
            if children:
                self.problem(
                    path + ("rule",),
                    Text(
                        gettext_noop(
                            "a group takes no rule; its points are the sum of its children"
                        )
                    ),
                    code,
                    "rule",
                )
        origin, system = self.origin(data, path, code)
        if children and "origin" in data:
            message = Text(
                gettext_noop("a group has no answer of its own: give origin on its criteria")
            )
            self.problem(path + ("origin",), message, code, "origin")
        if not children:
            self._check_leaf(data, path, code, rule, max_points)
        elif max_points is not None:
            reachable = sum((child.full_max for child in children if child.carries_points), ZERO)
            if reachable < max_points:
                self.problem(
                    path + ("max_points",),
                    Text(
                        gettext_noop(
                            "the children's maxima add up to %(reachable)s, "
                            "less than this maximum %(maximum)s"
                        ),
                        reachable=reachable,
                        maximum=max_points,
                    ),
                    code,
                    "max_points",
                )
        evidence = data.get("evidence", {})
        return Node(
            code=code,
            name=data["name"],
            max_points=max_points,
            rule=rule,
            children=children,
            allow_na=data.get("allow_na", False),
            required=data.get("required", True),
            evidence=Evidence(
                required=evidence.get("required", False),
                documents=evidence.get("documents", ""),
                data_source=evidence.get("data_source", ""),
                verifier=evidence.get("verifier", ""),
            ),
            guidance=data.get("guidance", ""),
            name_en=data.get("name_en", ""),
            status=data.get("status", ""),
            source=data.get("source", ""),
            note=data.get("note", ""),
            origin=origin,
            origin_system=system,
        )

    def _check_leaf(
        self, data: Mapping[str, Any], path: Path, code: str, rule: Any, max_points: Decimal | None
    ) -> None:
        if rule is None:
            self.problem(
                path + ("rule",),
                Text(gettext_noop("a criterion without sub-criteria needs a rule")),
                code,
                "rule",
            )
            return
        if not rule.carries_points:
            if max_points not in (None, ZERO):
                self.problem(
                    path + ("max_points",),
                    Text(
                        gettext_noop(
                            "an informational field carries no points: use 0 or leave it out"
                        )
                    ),
                    code,
                    "max_points",
                )
            return
        if max_points is None:
            message = Text(gettext_noop("a criterion needs max_points"))
            self.problem(path + ("max_points",), message, code, "max_points")
            return
        for field, message in rule.validate(max_points):
            field_path: Path = (
                path + ("rule",) + tuple(int(p) if p.isdigit() else p for p in field.split("."))
            )
            self.problem(field_path, message, code, f"rule.{field}")
        # Decimal fields inside rules obey the same two-place limit as max_points.
        for key in ("yes_points", "no_points", "per_item"):
            if key in data["rule"]:
                self.points(data["rule"][key], path + ("rule", key), code, f"rule.{key}")

    def levels(self) -> LevelScale:
        raw = self.document.get("levels")
        if raw is None:
            return DEFAULT_LEVELS
        scale = LevelScale(
            tuple(
                Level(
                    code=item["code"],
                    name=item["name"],
                    min_percent=_dec(item["min_percent"]),
                    name_en=item.get("name_en", ""),
                    colour=item.get("colour", ""),
                    strict=item.get("strict", False),
                )
                for item in raw
            )
        )
        for field, message in scale.validate():
            path: Path = tuple(int(p) if p.isdigit() else p for p in field.split("."))
            self.problem(path, message, None, field)
        return scale

    def meta(self) -> SetMeta:
        doc = self.document
        block = doc.get("block", {})
        legal = doc.get("legal_basis", {})
        return SetMeta(
            id=doc["id"],
            title=doc["title"],
            province=doc.get("province", ""),
            block_code=block.get("code", ""),
            block_name=block.get("name", ""),
            version=str(doc.get("version", "")),  # 2018 or "2018" alike
            valid_from=doc.get("valid_from"),
            legal_basis=tuple((str(k), str(v)) for k, v in legal.items()),
            reconstructed=doc.get("reconstructed", False),
            provenance=doc.get("provenance", ""),
            sources=tuple(doc.get("sources", [])),
        )


def build_criteria_set(document: Any, locate: Locate, filename: str) -> CriteriaSet:
    """Check ``document`` and build the set, or raise ``CriteriaFileError`` listing every
    problem with its place."""
    problems = schema_problems(document, locate)
    if problems:
        raise CriteriaFileError(filename, problems)
    builder = _Builder(document, locate)
    figures = builder.figures()
    nodes = tuple(
        builder.node(node, ("nodes", index)) for index, node in enumerate(document["nodes"])
    )
    builder.check_references(figures)
    levels = builder.levels()
    meta = builder.meta()
    criteria_set = CriteriaSet(meta, levels, nodes, builder.scoring, figures)
    if "max_total" in document and not builder.problems:
        declared = _dec(document["max_total"])
        if declared != criteria_set.max_total:
            builder.problem(
                ("max_total",),
                f"the tree totals {criteria_set.max_total}, not the declared {declared}",
                None,
                "max_total",
            )
    if builder.problems:
        raise CriteriaFileError(filename, builder.problems)
    return criteria_set


def _node_document(node: Node) -> dict[str, Any]:
    data: dict[str, Any] = {"code": node.code, "name": node.name}
    if node.name_en:
        data["name_en"] = node.name_en
    if node.max_points is not None:
        data["max_points"] = node.max_points
    if node.rule is not None:
        data["rule"] = node.rule.describe()
    if node.allow_na:
        data["allow_na"] = True
    if not node.required:
        data["required"] = False
    evidence = {
        key: value
        for key, value in (
            ("required", node.evidence.required),
            ("documents", node.evidence.documents),
            ("data_source", node.evidence.data_source),
            ("verifier", node.evidence.verifier),
        )
        if value
    }
    if evidence:
        data["evidence"] = evidence
    for key in ("guidance", "status", "source", "note"):
        value = getattr(node, key)
        if value:
            data[key] = value
    data.update(_origin_document(node.origin, node.origin_system))
    if node.children:
        data["children"] = [_node_document(child) for child in node.children]
    return data


def _origin_document(origin: str, system: str) -> dict[str, str]:
    """``origin`` and ``origin_system`` as written: nothing for the default."""
    data = {}
    if origin != "unit":
        data["origin"] = origin
    if system:
        data["origin_system"] = system
    return data


def _figure_document(figure: SharedFigure) -> dict[str, Any]:
    data: dict[str, Any] = {"code": figure.code, "name": figure.name}
    if figure.name_en:
        data["name_en"] = figure.name_en
    data.update(_origin_document(figure.origin, figure.origin_system))
    return data


def document_of(criteria_set: CriteriaSet, *, include_defaults: bool = True) -> dict[str, Any]:
    """The set as a plain document in the file format's shape (the inverse of building)."""
    meta = criteria_set.meta
    doc: dict[str, Any] = {"format": FORMAT, "id": meta.id, "title": meta.title}
    if meta.province:
        doc["province"] = meta.province
    if meta.block_code:
        doc["block"] = (
            {"code": meta.block_code, "name": meta.block_name}
            if meta.block_name
            else {"code": meta.block_code}
        )
    if meta.version:
        doc["version"] = meta.version
    if meta.valid_from is not None:
        doc["valid_from"] = meta.valid_from
    if meta.legal_basis:
        doc["legal_basis"] = dict(meta.legal_basis)
    doc["reconstructed"] = meta.reconstructed
    if meta.provenance:
        doc["provenance"] = meta.provenance
    if meta.sources:
        doc["sources"] = list(meta.sources)
    doc["max_total"] = criteria_set.max_total
    scoring = _scoring_document(criteria_set.scoring)
    if scoring:
        doc["scoring"] = scoring
    if include_defaults or criteria_set.levels != DEFAULT_LEVELS:
        doc["levels"] = [
            {
                key: value
                for key, value in (
                    ("code", level.code),
                    ("name", level.name),
                    ("name_en", level.name_en),
                    ("min_percent", level.min_percent),
                    ("colour", level.colour),
                    ("strict", level.strict or None),
                )
                if value is not None and value != ""
            }
            for level in criteria_set.levels.levels
        ]
    if criteria_set.figures:
        doc["figures"] = [_figure_document(figure) for figure in criteria_set.figures]
    doc["nodes"] = [_node_document(node) for node in criteria_set.nodes]
    return doc


def _scoring_document(scoring: Scoring) -> dict[str, Any]:
    """The ``scoring`` block with only what differs from the defaults."""
    precision, default = scoring.precision, DEFAULT_PRECISION
    data: dict[str, Any] = {
        key: getattr(precision, key)
        for key in ("points_decimals", "percent_decimals", "rounding", "round_at")
        if getattr(precision, key) != getattr(default, key)
    }
    if scoring.converted_scale is not None:
        data["converted_scale"] = scoring.converted_scale
    if scoring.tie_order != "alphabetical":
        data["tie_order"] = scoring.tie_order
    return data


def _places_text(places: int) -> Text:
    if places == 1:
        return Text(gettext_noop("points have at most one decimal place"))
    if places == 2:
        return Text(gettext_noop("points have at most two decimal places"))
    return Text(gettext_noop("points have at most %(places)s decimal places"), places=places)
