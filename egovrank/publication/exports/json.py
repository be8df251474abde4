"""Results as JSON open data, described by the JSON Schema ``results.schema.json`` beside
this module (docs/open-data.md explains it with an example).

Decimals are written as strings (``"410.5"``) and the exact share as a fraction
(``"821/1000"``) so that no reader meets a binary float; ranks are integers.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from django.utils import timezone

from egovrank.results.queries import ResultTable

from .source import ExportSource
from .values import BASE_COLUMNS, fraction_text, plain, row_values, text

__all__ = ["CONTENT_TYPE", "SCHEMA_ID", "SCHEMA_PATH", "SCHEMA_VERSION", "render_json", "schema"]

CONTENT_TYPE = "application/json"
SCHEMA_PATH = Path(__file__).with_name("results.schema.json")
# The document names its schema by this identifier (the schema's ``$id``): a name, not
# an address, so that it stays true on every installation and offline.
SCHEMA_ID = "urn:egovrank:schema:results:1"
SCHEMA_VERSION = 1


@cache
def schema() -> dict[str, Any]:
    """The JSON Schema every document ``render_json`` writes validates against."""
    loaded: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return loaded


def _about(source: ExportSource) -> dict[str, Any]:
    about: dict[str, Any] = {
        "$schema": SCHEMA_ID,
        "schema_version": SCHEMA_VERSION,
        "period": source.year,
        "title": source.title,
    }
    publication = source.publication
    if publication is None:
        computed_at = source.computed_at or timezone.now()
        about.update(results="live", state=source.state, computed_at=computed_at.isoformat())
        return about
    about.update(
        results="published",
        publication={
            "number": publication.number,
            "is_correction": publication.is_correction,
            "decision_number": publication.decision_number,
            "decision_date": publication.decision_date.isoformat(),
            "signer": publication.signer,
            "published_at": publication.published_at.isoformat(),
            "correction_reason": publication.correction_reason,
        },
    )
    return about


def _block(source: ExportSource, table: ResultTable) -> dict[str, Any]:
    units = []
    for row in table.rows:
        values = row_values(table, row)
        unit: dict[str, Any] = {}
        for column in BASE_COLUMNS[1:]:  # the block is the enclosing object
            value = values[column]
            unit[column] = value if isinstance(value, bool | int | None) else text(value, column)
        if table.converted_scale is not None:
            unit["converted"] = None if row.converted is None else plain(row.converted)
        if row.not_ranked_reason:
            unit["not_ranked_reason"] = row.not_ranked_reason
        share = source.shares.get(row.unit_code)
        unit["share"] = None if share is None else fraction_text(share)
        unit["predecessors"] = [
            {
                "unit_code": item.unit_code,
                "unit_name": item.unit_name,
                "valid_until": item.valid_until,
                "kind": item.kind,
                "from_year": item.year,
            }
            for item in source.predecessors.get(row.unit_code, [])
        ]
        unit["groups"] = {
            group.code: None if points is None else plain(points)
            for group, points in zip(table.groups, row.groups, strict=True)
        }
        units.append(unit)
    return {
        "code": table.code,
        "name": table.name,
        "criteria_set": table.set_id,
        "version": table.version,
        "levels": [
            {"code": level.code, "name": level.name, "min_percent": plain(level.min_percent)}
            for level in source.levels.get(table.code, [])
        ],
        "groups": [
            {"code": group.code, "name": group.name, "max_points": plain(group.max_points)}
            for group in table.groups
        ],
        "units": units,
    }


def render_json(source: ExportSource) -> bytes:
    """The period, its publication (or that the results are live) and each block with its
    levels, groups and units in ranking order; UTF-8, Vietnamese unescaped."""
    document = {**_about(source), "blocks": [_block(source, t) for t in source.tables]}
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
