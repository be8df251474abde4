"""Small builders the criteria tests share: node form data, a fresh version, an answer."""

from __future__ import annotations

from typing import Any

from egovrank.criteria.forms import NodeForm
from egovrank.criteria.models import CriteriaVersion
from egovrank.criteria.versions import criteria_set_of
from egovrank.scoring.fileformat.build import document_of

SET = "hungyen-2018-khoi01"


def fresh(set_id: str = SET) -> CriteriaVersion:
    return CriteriaVersion.objects.get(set_id=set_id)


def node_of(set_id: str, code: str) -> Any:
    """The node ``code`` of the stored version, as the scoring core reads it."""
    return criteria_set_of(fresh(set_id)).node(code)


def node_data(set_id: str, node_code: str, **changes: Any) -> dict[str, Any]:
    """The node form as the edit page fills it in, with ``changes`` typed over it."""
    version = fresh(set_id)
    document = document_of(criteria_set_of(version))
    node = next(n for n in _walk(document["nodes"]) if n["code"] == node_code)
    data = {**NodeForm.initial_of(node, version.revision), **changes}
    return as_post(data)


def as_post(data: dict[str, Any]) -> dict[str, Any]:
    """Form values as a browser posts them: a ticked box is "on", an unticked one absent."""
    posted = {}
    for key, value in data.items():
        if value is True:
            posted[key] = "on"
        elif value is not False and value is not None:
            posted[key] = value
    return posted


def _walk(nodes):
    for node in nodes:
        yield node
        yield from _walk(node.get("children", []))


def new_node_data(revision: int, **fields: Any) -> dict[str, Any]:
    return as_post({"revision": revision, "required": True, **fields})


def answer(world: Any, code: str = "HT1", value: str = "5/10") -> Any:
    """One answer of Sở Tài chính in the 2019 period, which freezes the Khối 01 set."""
    from egovrank.assessments.models import Answer, Assessment

    assessment = Assessment.objects.create(participant=world.participants["sotc"])
    return Answer.objects.create(assessment=assessment, code=code, value=value)


TINY_YAML = """\
format: egovrank/criteria-set/1
id: tiny-2021
title: Tiny set
block: {code: KHOI01, name: "Sở, ban, ngành"}
version: "2021"
nodes:
  - code: G1
    name: Group one
    children:
      - code: C1
        name: Criterion one
        max_points: 10
        rule: {kind: yes_no, yes_points: 12}
      - code: C2
        name: Criterion two
        rule: {kind: yes_no}
"""


def shipped_yaml(new_id: str, set_id: str = SET) -> bytes:
    """A shipped set's own text under another identifier."""
    from egovrank.scoring.catalogue import packaged_set_text

    text = packaged_set_text(set_id).replace(f"id: {set_id}\n", f"id: {new_id}\n", 1)
    return text.encode("utf-8")


def shipped_xlsx(
    new_id: str, set_id: str = SET, cells: dict[tuple[str, str], Any] | None = None
) -> bytes:
    """A shipped set as an Excel workbook under another identifier, with ``cells``
    ((criterion code, column header) -> value) typed over the criteria sheet."""
    from io import BytesIO

    from openpyxl import load_workbook

    from egovrank.scoring.catalogue import packaged_set
    from egovrank.scoring.fileformat.xlsx_io import INFO_SHEET, NODE_SHEET, criteria_set_to_xlsx

    workbook = load_workbook(BytesIO(criteria_set_to_xlsx(packaged_set(set_id))))
    for row in workbook[INFO_SHEET].iter_rows(min_row=2):
        if row[1].value == set_id:
            row[1].value = new_id
    sheet = workbook[NODE_SHEET]
    headers = [cell.value for cell in sheet[1]]
    for (code, header), value in (cells or {}).items():
        for row in sheet.iter_rows(min_row=2):
            if row[0].value == code:
                row[headers.index(header)].value = value
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()
