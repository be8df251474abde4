"""Criteria sets as Excel workbooks (.xlsx), the form a provincial department drafts in.

A workbook has three sheets, and a fourth for shared figures. Sheet names and headers are Vietnamese. The English keys
of the YAML format are accepted as headers too, in any case, with surrounding spaces
ignored.

``Thông tin``
    One metadata field per row: ``Mục`` (the field) and ``Giá trị`` (its value). Each
    legal-basis field has its own row, and any further one is written
    ``legal_basis.<key>``. The ``scoring`` block has a row per field
    (``scoring.points_decimals`` … ``scoring.tie_order``, or their Vietnamese labels). ``Tài liệu nguồn`` may repeat, one source per row; a cell
    with several lines holds several sources. A blank value is the same as a field
    left out.
``Mức xếp loại``
    One level per row, highest first. This sheet is optional: without it, or with no
    rows in it, the default levels apply. An index that only ranks says so on
    ``Thông tin``: ``Mức xếp loại`` (``levels``) = ``không`` (``none``).
``Số liệu dùng chung`` (optional, written only for a set that has shared figures)
    One shared figure per row: its code, names and origin. Ratio criteria name it in
    ``Tử số dùng chung`` / ``Mẫu số dùng chung``.
``Tiêu chí``
    One row per group, criterion or sub-criterion, with parents before their children.
    ``Mã cha`` names the parent and is blank for a top-level group. Each rule parameter
    has its own column. Bands are written one per line as ``at_least | points`` and
    options as ``code | points | label``, so an option label is a single line.

Row 1 of every sheet holds the headers. Blank rows are skipped and other sheets are
ignored.

Reading builds the same document the YAML reader builds and hands it to
``build_criteria_set``, so both formats pass the same schema and rules. Every problem
names the sheet, the row and the column, and the line inside a multi-line cell. The
problems found while reading cells are reported together with the schema's findings on
the cells that could be read. If there is any problem, nothing is returned.

Numbers are exact. A ``Decimal`` is written as a numeric cell only when that cell reads
back as the same value. That holds for whole numbers below 10^15, and for numbers below
10^13 with at most two decimal places whose float survives openpyxl's ``%.16g`` and the
reader's ``repr``. Anything else, such as a band threshold of 33.333, is written as
text, and text is read exactly. Numeric cells are read through ``repr``, so
``Decimal(repr(12.5))`` is 12.5 and not the float's binary expansion. Text cells are
read through ``parse_decimal``, so ``7,5`` is 7.5.
"""

from __future__ import annotations

import unicodedata
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from io import BytesIO
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..numbers import NumberFormatError, parse_decimal
from ..tree import CriteriaSet

# The schema pass on its own: reading problems are reported together with the schema's
# findings, but the semantic pass would only repeat them as confusing side effects.
from .archives import IMPORT_LIMITS, ArchiveRefused, checked_archive
from .build import Path, build_criteria_set, document_of, schema, schema_problems
from .cellcount import more_cells_than
from .cells import text_cell
from .problems import CriteriaFileError, Problem, Text, gettext_noop
from .yaml_io import MAX_DIGITS

__all__ = [
    "INFO_SHEET",
    "FIGURE_SHEET",
    "LEVEL_SHEET",
    "NODE_SHEET",
    "criteria_set_from_xlsx",
    "criteria_set_to_xlsx",
]

INFO_SHEET = "Thông tin"
LEVEL_SHEET = "Mức xếp loại"
NODE_SHEET = "Tiêu chí"
FIGURE_SHEET = "Số liệu dùng chung"
_SHEET_ALIASES = {
    INFO_SHEET: (INFO_SHEET, "info", "metadata"),
    LEVEL_SHEET: (LEVEL_SHEET, "levels"),
    FIGURE_SHEET: (FIGURE_SHEET, "figures"),
    NODE_SHEET: (NODE_SHEET, "criteria", "nodes"),
}

_YES_WORD, _NO_WORD = "Có", "Không"
_NO_LEVELS_WORD = "Không"  # on the Info sheet: an index without levels
_TRUE_WORDS = frozenset({"có", "co", "true", "x", "yes", "y", "1", "đúng"})
_FALSE_WORDS = frozenset({"không", "khong", "false", "no", "n", "0", "sai"})

# Beyond these, Excel (15 significant digits) or openpyxl ("%.16g") would alter the value.
_WHOLE_LIMIT = Decimal(10) ** 15
_FRACTION_LIMIT = Decimal(10) ** 13


@dataclass(frozen=True, slots=True)
class _Column:
    """A column of a sheet: the English key (also accepted as header), the Vietnamese
    header written, how its cells are read, and where the value goes in the document."""

    key: str
    header: str
    kind: str  # text, code, enum, number, bool, bands, options
    target: tuple[str, ...]
    width: int
    default: bool | None = None  # written for a boolean the document leaves out
    hint: str = ""
    needs_value: bool = False


_NODE_COLUMNS: tuple[_Column, ...] = (
    _Column(
        "code",
        "Mã",
        "code",
        ("code",),
        12,
        needs_value=True,
        hint="Mã duy nhất của nhóm hoặc tiêu chí, ví dụ 1.2 hoặc TC01.",
    ),
    _Column(
        "parent",
        "Mã cha",
        "code",
        (),
        12,
        hint="Mã của nhóm chứa dòng này; để trống với nhóm cấp cao nhất. "
        "Dòng của mã cha phải nằm phía trên.",
    ),
    _Column("name", "Tên", "text", ("name",), 50, needs_value=True),
    _Column("name_en", "Tên tiếng Anh", "text", ("name_en",), 30),
    _Column(
        "max_points",
        "Điểm tối đa",
        "number",
        ("max_points",),
        11,
        hint="Bắt buộc với tiêu chí không có tiêu chí con (0 với trường thông tin). "
        "Với nhóm: mức điểm trần, có thể để trống.",
    ),
    _Column(
        "rule",
        "Quy tắc",
        "enum",
        ("rule", "kind"),
        18,
        hint="Để trống với nhóm có tiêu chí con. yes_no: Có/Không; manual: chấm trực "
        "tiếp; ratio: tỷ lệ; count: đếm số lượng; option: chọn phương án; "
        "deduction: trừ điểm; relative_to_best: so với đơn vị cao nhất; "
        "info: thông tin, không tính điểm.",
    ),
    _Column(
        "mode",
        "Chế độ",
        "enum",
        ("rule", "mode"),
        14,
        hint="ratio: proportional hoặc bands; count: bands hoặc per_item.",
    ),
    _Column(
        "bands",
        "Bậc điểm",
        "bands",
        ("rule", "bands"),
        18,
        hint="Mỗi dòng một bậc, theo thứ tự tăng dần: ngưỡng | điểm, ví dụ 80 | 9.",
    ),
    _Column(
        "options",
        "Phương án",
        "options",
        ("rule", "options"),
        32,
        hint="Mỗi dòng một phương án: mã | điểm | nội dung, ví dụ A | 10 | Đạt.",
    ),
    _Column("step", "Bước", "number", ("rule", "step"), 8),
    _Column("per_item", "Điểm mỗi mục", "number", ("rule", "per_item"), 10),
    _Column("yes_points", "Điểm khi Có", "number", ("rule", "yes_points"), 10),
    _Column("no_points", "Điểm khi Không", "number", ("rule", "no_points"), 10),
    _Column("numerator", "Tử số", "text", ("rule", "numerator"), 24),
    _Column("denominator", "Mẫu số", "text", ("rule", "denominator"), 24),
    _Column("label", "Nhãn số liệu", "text", ("rule", "label"), 24),
    _Column(
        "input",
        "Dạng số liệu",
        "enum",
        ("rule", "input"),
        12,
        hint="relative_to_best: figure (một số) hoặc ratio (tỷ lệ Tử số / Mẫu số).",
    ),
    _Column("zero_denominator", "Mẫu số bằng 0", "enum", ("rule", "zero_denominator"), 14),
    _Column("value_type", "Kiểu thông tin", "enum", ("rule", "value_type"), 12),
    _Column("allow_na", "Cho phép không áp dụng", "bool", ("allow_na",), 12, default=False),
    _Column("required", "Bắt buộc trả lời", "bool", ("required",), 12, default=True),
    _Column(
        "evidence_required",
        "Bắt buộc minh chứng",
        "bool",
        ("evidence", "required"),
        12,
        default=False,
    ),
    _Column("evidence_documents", "Tài liệu kiểm chứng", "text", ("evidence", "documents"), 40),
    _Column("data_source", "Nguồn dữ liệu", "text", ("evidence", "data_source"), 30),
    _Column("verifier", "Đơn vị xác minh", "text", ("evidence", "verifier"), 30),
    _Column("guidance", "Hướng dẫn", "text", ("guidance",), 50),
    _Column("status", "Tình trạng", "enum", ("status",), 12),
    _Column("source", "Nguồn", "text", ("source",), 30),
    _Column("note", "Ghi chú", "text", ("note",), 30),
    # Shared figures and origins come last, so the older columns keep their letters.
    _Column(
        "numerator_figure",
        "Tử số dùng chung",
        "code",
        ("rule", "numerator_figure"),
        16,
        hint="ratio: mã số liệu dùng chung (sheet Số liệu dùng chung) làm tử số.",
    ),
    _Column(
        "denominator_figure",
        "Mẫu số dùng chung",
        "code",
        ("rule", "denominator_figure"),
        16,
        hint="ratio: mã số liệu dùng chung làm mẫu số, ví dụ TONG_CBCCVC.",
    ),
    _Column(
        "origin",
        "Nguồn gốc số liệu",
        "enum",
        ("origin",),
        14,
        hint="unit: đơn vị tự nhập (mặc định); system: lấy từ hệ thống (ghi tên ở cột "
        "Hệ thống cung cấp); automatic: đo tự động. Đơn vị không nhập được hai loại sau.",
    ),
    _Column("origin_system", "Hệ thống cung cấp", "text", ("origin_system",), 24),
)
_NODE_REQUIRED = ("code", "parent", "name", "max_points", "rule")

_LEVEL_COLUMNS: tuple[_Column, ...] = (
    _Column("code", "Mã", "code", ("code",), 14, needs_value=True),
    _Column("name", "Tên", "text", ("name",), 20, needs_value=True),
    _Column("name_en", "Tên tiếng Anh", "text", ("name_en",), 20),
    _Column(
        "min_percent",
        "Tỷ lệ tối thiểu (%)",
        "number",
        ("min_percent",),
        16,
        needs_value=True,
        hint="Từ tỷ lệ này trở lên (tính theo tổng điểm tối đa).",
    ),
    _Column("colour", "Màu", "code", ("colour",), 10, hint="Mã màu dạng #1b7f3b."),
    _Column(
        "strict",
        "Chỉ trên ngưỡng",
        "bool",
        ("strict",),
        12,
        hint='Có: tỷ lệ phải TRÊN ngưỡng ("trên 75%"); đúng bằng ngưỡng thì xếp mức dưới.',
    ),
)
_LEVEL_REQUIRED = ("code", "name", "min_percent")

_FIGURE_COLUMNS: tuple[_Column, ...] = (
    _Column(
        "code",
        "Mã",
        "code",
        ("code",),
        16,
        needs_value=True,
        hint="Mã duy nhất, không trùng mã tiêu chí, ví dụ TONG_CBCCVC.",
    ),
    _Column("name", "Tên", "text", ("name",), 40, needs_value=True),
    _Column("name_en", "Tên tiếng Anh", "text", ("name_en",), 24),
    *(column for column in _NODE_COLUMNS if column.key in {"origin", "origin_system"}),
)
_FIGURE_REQUIRED = ("code", "name")

_INFO_COLUMNS: tuple[_Column, ...] = (
    _Column("key", "Mục", "code", (), 26),
    _Column("value", "Giá trị", "text", (), 70),
)


@dataclass(frozen=True, slots=True)
class _Field:
    """A metadata row of ``Thông tin``."""

    key: str
    label: str
    kind: str  # text, code, year, number, bool, list
    target: tuple[str, ...]


_INFO_FIELDS: tuple[_Field, ...] = (
    _Field("format", "Định dạng", "code", ("format",)),
    _Field("id", "Mã bộ tiêu chí", "code", ("id",)),
    _Field("title", "Tên bộ tiêu chí", "text", ("title",)),
    _Field("province", "Tỉnh", "text", ("province",)),
    _Field("block_code", "Mã khối", "code", ("block", "code")),
    _Field("block_name", "Tên khối", "text", ("block", "name")),
    _Field("version", "Phiên bản", "text", ("version",)),
    _Field("valid_from", "Áp dụng từ năm", "year", ("valid_from",)),
    _Field("legal_basis.number", "Số văn bản", "text", ("legal_basis", "number")),
    _Field("legal_basis.date", "Ngày ban hành", "text", ("legal_basis", "date")),
    _Field("legal_basis.issuer", "Cơ quan ban hành", "text", ("legal_basis", "issuer")),
    _Field("legal_basis.signer", "Người ký", "text", ("legal_basis", "signer")),
    _Field("reconstructed", "Tái dựng", "bool", ("reconstructed",)),
    _Field("provenance", "Nguồn gốc", "text", ("provenance",)),
    _Field("sources", "Tài liệu nguồn", "list", ("sources",)),
    _Field("max_total", "Tổng điểm tối đa", "number", ("max_total",)),
    _Field(
        "scoring.points_decimals",
        "Số chữ số thập phân của điểm",
        "integer",
        ("scoring", "points_decimals"),
    ),
    _Field(
        "scoring.percent_decimals",
        "Số chữ số thập phân của tỷ lệ",
        "integer",
        ("scoring", "percent_decimals"),
    ),
    _Field("scoring.rounding", "Cách làm tròn", "enum", ("scoring", "rounding")),
    _Field("scoring.round_at", "Làm tròn tại", "enum", ("scoring", "round_at")),
    _Field(
        "scoring.converted_scale", "Thang điểm quy đổi", "number", ("scoring", "converted_scale")
    ),
    _Field("scoring.tie_order", "Thứ tự đơn vị bằng điểm", "enum", ("scoring", "tie_order")),
    _Field("levels", "Mức xếp loại", "no_levels", ("levels",)),
)
_SCORING_KEYS = (
    "points_decimals",
    "percent_decimals",
    "rounding",
    "round_at",
    "converted_scale",
    "tie_order",
)
_INFO_ALIASES = {
    "block.code": "block_code",
    "block.name": "block_name",
    "source": "sources",
    **{key: "scoring." + key for key in _SCORING_KEYS},
}
_NO_LEVELS_WORDS = frozenset({"không", "khong", "none", "không có", "[]"})
_LEGAL_PREFIX = "legal_basis."


def _fold(text: str) -> str:
    """Text as compared for headers, field names and choices. NFC first, because some
    Vietnamese keyboards type decomposed letters."""
    return unicodedata.normalize("NFC", text).strip().casefold()


# ---------------------------------------------------------------------------------------
# Writing


_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")
_WRAP = Alignment(wrap_text=True, vertical="top")


def _decimal_text(number: Decimal) -> str:
    """A plain, exact text for a number: no exponent, no trailing zeros after a point."""
    if number == number.to_integral_value():
        return format(number.to_integral_value(), "f")
    return format(number.normalize(), "f")


def _cell_number(number: Decimal) -> int | float | str:
    """The value to store for ``number``: a numeric cell when it reads back exactly
    (see the module docstring), otherwise its exact text."""
    if number == number.to_integral_value() and abs(number) < _WHOLE_LIMIT:
        return int(number)
    exponent = number.normalize().as_tuple().exponent
    if isinstance(exponent, int) and exponent >= -2 and abs(number) < _FRACTION_LIMIT:
        as_float = float(number)
        stored = float(f"{as_float:.16g}")  # what openpyxl writes into the file
        if Decimal(repr(stored)) == number:
            return as_float
    return _decimal_text(number)


def _cell_value(value: Any, kind: str) -> object:
    if kind == "no_levels":
        return _NO_LEVELS_WORD
    if kind == "integer":
        return int(value)
    if kind == "number":
        return _cell_number(Decimal(value))
    if kind == "year":
        return int(value)
    if kind == "bool":
        return _YES_WORD if value else _NO_WORD
    if kind == "bands":
        return "\n".join(
            f"{_decimal_text(Decimal(band['at_least']))} | {_decimal_text(Decimal(band['points']))}"
            for band in value
        )
    if kind == "options":
        return "\n".join(
            f"{option['code']} | {_decimal_text(Decimal(option['points']))} | {option['label']}"
            for option in value
        )
    return str(value)


def _validation(choices: Sequence[str], strict: bool) -> DataValidation:
    # A strict list refuses other typing in Excel; booleans only warn, since the reader
    # also takes x, TRUE, 1 and the like.
    return DataValidation(
        type="list",
        formula1='"' + ",".join(choices) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="stop" if strict else "warning",
        errorTitle="Giá trị không hợp lệ",
        error="Chọn một giá trị trong danh sách.",
    )


def _choices(column: _Column) -> tuple[str, ...]:
    """The drop-down list of a column, taken from the schema so the two cannot drift."""
    if column.kind == "bool":
        return (_YES_WORD, _NO_WORD)
    if column.kind != "enum":
        return ()
    definitions = schema()["$defs"]
    if column.target == ("status",):
        return tuple(definitions["status"]["enum"])
    if column.target == ("origin",):
        return tuple(definitions["origin"]["enum"])
    if column.target == ("rule", "kind"):
        return tuple(definitions["rule"]["properties"]["kind"]["enum"])
    found: dict[str, None] = {}
    for branch in definitions["rule"]["allOf"]:
        prop = branch["then"]["properties"].get(column.target[-1], {})
        found.update(dict.fromkeys(prop.get("enum", [])))
    return tuple(found)


def _put_cell(sheet: Worksheet, row: int, column: int, value: object) -> Cell | None:
    if not isinstance(value, str | int | float) or value == "":
        return None
    # Text that begins with "=" is still text: openpyxl would store a formula.
    cell = text_cell(sheet.cell(row, column, value))
    if isinstance(value, str):
        cell.data_type = "s"
        cell.number_format = "@"
    cell.alignment = _WRAP
    return cell


def _write_table(
    sheet: Worksheet, columns: Sequence[_Column], rows: Iterable[Sequence[object]]
) -> None:
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        cell = text_cell(sheet.cell(1, index, column.header))
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = _WRAP
        if column.hint:
            cell.comment = Comment(column.hint, "egovrank", height=140, width=260)
        sheet.column_dimensions[letter].width = column.width
        if column.kind == "code":
            # Codes typed later stay text: 1.10 must not become the number 1.1.
            sheet.column_dimensions[letter].number_format = "@"
        choices = _choices(column)
        if choices:
            validation = _validation(choices, strict=column.kind != "bool")
            validation.add(f"{letter}2:{letter}1048576")
            sheet.add_data_validation(validation)
    for row_index, values in enumerate(rows, start=2):
        for column_index, value in enumerate(values, start=1):
            _put_cell(sheet, row_index, column_index, value)
    sheet.freeze_panes = "A2"


def _get(data: Mapping[str, Any], target: Sequence[str]) -> Any:
    current: Any = data
    for step in target:
        if not isinstance(current, Mapping) or step not in current:
            return None
        current = current[step]
    return current


def _info_rows(document: Mapping[str, Any]) -> list[tuple[_Field, object]]:
    fields = {field.key: field for field in _INFO_FIELDS}
    rows: list[tuple[_Field, object]] = []

    def add(key: str, value: Any) -> None:
        field = fields[key]
        rows.append((field, None if value is None else _cell_value(value, field.kind)))

    for key in (
        "format",
        "id",
        "title",
        "province",
        "block_code",
        "block_name",
        "version",
        "valid_from",
    ):
        add(key, _get(document, fields[key].target))
    legal: Mapping[str, Any] = document.get("legal_basis", {})
    # The decision's own order is kept: SetMeta keeps legal_basis as ordered pairs.
    for key, value in legal.items():
        known = fields.get(_LEGAL_PREFIX + key)
        field = known or _Field(
            _LEGAL_PREFIX + key, _LEGAL_PREFIX + key, "text", ("legal_basis", key)
        )
        rows.append((field, str(value)))
    for key in ("number", "date", "issuer", "signer"):
        if key not in legal:
            add(_LEGAL_PREFIX + key, None)  # an empty row to fill in
    add("reconstructed", document.get("reconstructed", False))
    add("provenance", document.get("provenance"))
    for source in document.get("sources", []) or [None]:
        add("sources", source)
    add("max_total", document.get("max_total"))
    scoring: Mapping[str, Any] = document.get("scoring", {})
    for key in _SCORING_KEYS:
        if key in scoring:
            add("scoring." + key, scoring[key])
    if document.get("levels") == []:
        add("levels", [])
    return rows


def _write_info(sheet: Worksheet, document: Mapping[str, Any]) -> None:
    rows = _info_rows(document)
    _write_table(sheet, _INFO_COLUMNS, ((field.label, value) for field, value in rows))
    for row_index, (field, _) in enumerate(rows, start=2):
        if field.kind == "bool":
            validation = _validation((_YES_WORD, _NO_WORD), strict=False)
            validation.add(f"B{row_index}")
            sheet.add_data_validation(validation)


def _write_levels(sheet: Worksheet, levels: Sequence[Mapping[str, Any]]) -> None:
    _write_table(
        sheet,
        _LEVEL_COLUMNS,
        (
            [_cell_value(level[c.key], c.kind) if c.key in level else None for c in _LEVEL_COLUMNS]
            for level in levels
        ),
    )
    colour_column = next(i for i, c in enumerate(_LEVEL_COLUMNS, start=1) if c.key == "colour")
    for row_index, level in enumerate(levels, start=2):
        colour = str(level.get("colour", ""))
        if len(colour) == 7 and colour.startswith("#"):
            # The cell shows its colour, which is what a drafter checks it by.
            cell = sheet.cell(row_index, colour_column)
            cell.fill = PatternFill("solid", fgColor=colour[1:])
            cell.font = Font(color="FFFFFF")


_NODE_TARGETS = frozenset(column.target for column in _NODE_COLUMNS)


def _check_covered(node: Mapping[str, Any]) -> None:
    """Refuse to write a node field that has no column: it would be lost silently. A new
    rule parameter needs its column here before sets using it can go to Excel."""
    for key, value in node.items():
        if key == "children":
            continue
        targets = [(key, sub) for sub in value] if isinstance(value, Mapping) else [(key,)]
        for target in targets:
            if target not in _NODE_TARGETS:
                field = ".".join(target)
                raise ValueError(f"{node['code']}: {field} has no column in the workbook layout")


def _node_rows(nodes: Sequence[Mapping[str, Any]], parent: str) -> Iterator[list[object]]:
    """One row per node, parents before children (depth first, in the tree's order)."""
    for node in nodes:
        _check_covered(node)
        row: list[object] = []
        for column in _NODE_COLUMNS:
            value = parent if column.key == "parent" else _get(node, column.target)
            if value is None and column.default is not None:
                value = column.default
            row.append(None if value is None else _cell_value(value, column.kind))
        yield row
        yield from _node_rows(node.get("children", []), node["code"])


def criteria_set_to_xlsx(criteria_set: CriteriaSet) -> bytes:
    """The set as a workbook (bytes of an .xlsx file) that ``criteria_set_from_xlsx``
    reads back to an equal set."""
    document = document_of(criteria_set)
    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])
    info: Worksheet = workbook.create_sheet(INFO_SHEET)
    levels: Worksheet = workbook.create_sheet(LEVEL_SHEET)
    if document.get("figures"):
        figures: Worksheet = workbook.create_sheet(FIGURE_SHEET)
        _write_table(
            figures,
            _FIGURE_COLUMNS,
            ([_get(figure, c.target) for c in _FIGURE_COLUMNS] for figure in document["figures"]),
        )
    nodes: Worksheet = workbook.create_sheet(NODE_SHEET)
    _write_info(info, document)
    _write_levels(levels, document["levels"])
    _write_table(nodes, _NODE_COLUMNS, _node_rows(document["nodes"], ""))
    # Keep the code column in view while scrolling right through the rule columns.
    nodes.freeze_panes = "B2"
    workbook.properties.title = criteria_set.meta.title
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------------------------------
# Reading


class _CellError(Exception):
    """A cell's value cannot be read; the message says why."""


@dataclass(frozen=True, slots=True)
class _Place:
    """Where a value was read: a sheet, optionally a row, a column and a line in the cell."""

    sheet: str
    row: int | None = None
    column: int | None = None
    header: str = ""
    line: int | None = None

    def describe(self, filename: str) -> str:
        # Each part a Text of its own, so that a page says the whole place in its language.
        text = Text(gettext_noop("%(file)s, sheet '%(sheet)s'"), file=filename, sheet=self.sheet)
        if self.row is not None:
            text = Text(gettext_noop("%(place)s, row %(row)s"), place=text, row=self.row)
        if self.column is not None:
            letter = get_column_letter(self.column)
            if self.header:
                template = gettext_noop("%(place)s, column %(column)s (%(header)s)")
                text = Text(template, place=text, column=letter, header=self.header)
            else:
                template = gettext_noop("%(place)s, column %(column)s")
                text = Text(template, place=text, column=letter)
        if self.line is not None:
            text = Text(gettext_noop("%(place)s, line %(line)s"), place=text, line=self.line)
        return text


def _is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _as_decimal(value: object) -> Decimal:
    if isinstance(value, bool):
        raise _CellError(Text(gettext_noop("expected a number, got a yes/no value")))
    if isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(repr(value))  # the shortest text of the float, as typed
    elif isinstance(value, Decimal):
        number = value
    elif isinstance(value, str):
        try:
            number = parse_decimal(value)
        except NumberFormatError as exc:
            raise _CellError(exc.args[0]) from None
    elif isinstance(value, date | time | timedelta):
        raise _CellError(Text(gettext_noop("expected a number, got a date or time")))
    else:
        raise _CellError(Text(gettext_noop("expected a number, got %(value)s"), value=repr(value)))
    if not number.is_finite():
        raise _CellError(Text(gettext_noop("'%(value)s' is not a finite number"), value=str(value)))
    # The YAML reader's bound: longer numbers make decimal arithmetic fail (a 500 before).
    if len(number.as_tuple().digits) > MAX_DIGITS or abs(number.adjusted()) > MAX_DIGITS:
        text = str(value)
        shown = text if len(text) <= 24 else f"{text[:20]}… ({len(text)} characters)"
        raise _CellError(
            Text(
                gettext_noop("'%(value)s' is too long a number: at most %(max)s digits"),
                value=shown,
                max=MAX_DIGITS,
            )
        )
    return number


def _as_text(value: object) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float | Decimal):
        try:
            return _decimal_text(_as_decimal(value))
        except _CellError:  # a number the reader refused is reported as typed
            return str(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


def _as_bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        word = _fold(value)
        if word in _TRUE_WORDS:
            return True
        if word in _FALSE_WORDS:
            return False
    message = Text(
        gettext_noop("expected %(yes)s or %(no)s, got %(value)s"),
        yes=_YES_WORD,
        no=_NO_WORD,
        value=repr(value),
    )
    raise _CellError(message)


def _as_year(value: object) -> int:
    number = _as_decimal(value)
    if number != number.to_integral_value():
        raise _CellError(
            Text(gettext_noop("expected a year, got %(value)s"), value=_decimal_text(number))
        )
    return int(number)


def _as_integer(value: object) -> int:
    number = _as_decimal(value)
    if number != number.to_integral_value():
        raise _CellError(
            Text(gettext_noop("expected a whole number, got %(value)s"), value=number.normalize())
        )
    return int(number)


def _as_no_levels(value: object) -> list[Any]:
    if _fold(_as_text(value)) not in _NO_LEVELS_WORDS:
        raise _CellError(
            Text(
                gettext_noop(
                    "write '%(word)s' for an index that only ranks; the levels themselves "
                    "go on the sheet '%(sheet)s'"
                ),
                word=_NO_LEVELS_WORD,
                sheet=LEVEL_SHEET,
            )
        )
    return []


def _convert(value: object, kind: str) -> object:
    if kind == "integer":
        return _as_integer(value)
    if kind == "no_levels":
        return _as_no_levels(value)
    if kind == "number":
        return _as_decimal(value)
    if kind == "year":
        return _as_year(value)
    if kind == "bool":
        return _as_bool(value)
    if kind == "code":
        return _as_text(value).strip()
    if kind == "enum":
        return _fold(_as_text(value))
    return _as_text(value)


def _put(data: dict[str, Any], target: Sequence[str], value: object) -> None:
    for step in target[:-1]:
        data = data.setdefault(step, {})
    data[target[-1]] = value


def _cell_lines(text: str, place: _Place) -> list[tuple[str, _Place]]:
    """The non-blank lines of a cell, each with its place (the line is named only when
    the cell has more than one)."""
    lines = [
        (number, line) for number, line in enumerate(text.split("\n"), start=1) if line.strip()
    ]
    if len(lines) == 1:
        return [(lines[0][1], place)]
    return [(line, replace(place, line=number)) for number, line in lines]


_SheetCells = dict[str, tuple[Cell | MergedCell, _Place]]


class _Reader:
    """Reads one workbook into a document, remembering the place of every value."""

    def __init__(self, workbook: Workbook, data: bytes, filename: str) -> None:
        self.workbook = workbook
        self.data = data
        self.filename = filename
        self.problems: list[Problem] = []
        self.places: dict[Path, _Place] = {}
        self.row_paths: dict[str, Path] = {}  # a row's description -> its node's path
        # True when a sheet or a required column is missing: the rest is then not
        # checked, as everything it would say is a consequence.
        self.incomplete = False
        self._computed: Workbook | None = None
        self.order: dict[str, tuple[int, int, int, int]] = {}  # a place's text -> sort key

    # -- places and problems

    def problem(
        self, place: _Place, message: str, code: str | None = None, field: str = ""
    ) -> None:
        self.problems.append(Problem(self.describe(place), message, code, field))

    def describe(self, place: _Place) -> str:
        text = place.describe(self.filename)
        sheets = self.workbook.sheetnames
        sheet = sheets.index(place.sheet) if place.sheet in sheets else len(sheets)
        self.order.setdefault(text, (sheet, place.row or 0, place.column or 0, place.line or 0))
        return text

    def in_order(self, problems: Iterable[Problem]) -> list[Problem]:
        """Problems without repeats, in the order a person reads the workbook: sheet by
        sheet, row by row, left to right."""
        unique = list(dict.fromkeys(problems))
        return sorted(unique, key=lambda problem: self.order.get(problem.where, (-1, 0, 0, 0)))

    def locate(self, path: Path) -> str:
        """The place of the longest part of ``path`` that was read from a cell."""
        for cut in range(len(path), -1, -1):
            place = self.places.get(path[:cut])
            if place is not None:
                return self.describe(place)
        return self.filename

    def pinpoint(self, problem: Problem) -> Problem:
        """Move a problem that build.py reports on a whole node ("needs a rule", "needs
        max_points") to the cell where the missing value belongs."""
        path = self.row_paths.get(problem.where)
        if path is None or problem.field not in {"max_points", "rule"}:
            return problem
        return replace(problem, where=self.locate(path + (problem.field,)))

    # -- cells

    def _computed_value(self, sheet: str, coordinate: str) -> object:
        if self._computed is None:
            self._computed = load_workbook(BytesIO(self.data), data_only=True)
        cell = self._computed[sheet][coordinate]
        if isinstance(cell, Cell) and cell.data_type == "e":
            raise _CellError(
                Text(gettext_noop("the formula gives the error %(error)s"), error=cell.value)
            )
        return cell.value if isinstance(cell, Cell) else None

    def value(self, cell: Cell | MergedCell, place: _Place) -> object:
        """The cell's value, a formula's saved result in place of the formula."""
        if cell.data_type == "e":
            raise _CellError(
                Text(gettext_noop("the cell shows the error %(error)s"), error=cell.value)
            )
        if cell.data_type != "f":
            return cell.value
        result = self._computed_value(place.sheet, cell.coordinate)
        if result is None:
            raise _CellError(
                Text(
                    gettext_noop(
                        "a formula without a saved result: type the value,"
                        " or open and save the file in Excel"
                    )
                )
            )
        return result

    def read(
        self, cell: Cell | MergedCell, place: _Place, kind: str, code: str | None, field: str
    ) -> object:
        """The cell converted for ``kind``, or None when blank. An unreadable cell is
        reported and its raw text returned: standing in the document, it draws the
        schema's complaint to the same cell, where it is dropped as a duplicate."""
        try:
            value = self.value(cell, place)
            if _is_blank(value):
                return None
            return _convert(value, kind)
        except _CellError as exc:
            self.problem(place, exc.args[0], code, field)
            return _as_text(cell.value)

    # -- sheets

    def sheet(self, name: str, required: bool) -> Worksheet | None:
        wanted = {_fold(alias) for alias in _SHEET_ALIASES[name]}
        for title in self.workbook.sheetnames:
            sheet = self.workbook[title]
            if _fold(title) in wanted and isinstance(sheet, Worksheet):
                return sheet
        if required:
            found = ", ".join(f"'{title}'" for title in self.workbook.sheetnames)
            self.problems.append(
                Problem(
                    Text(
                        gettext_noop("%(file)s, sheet '%(sheet)s'"), file=self.filename, sheet=name
                    ),
                    Text(
                        gettext_noop("the sheet is missing (the workbook has %(found)s)"),
                        found=found,
                    ),
                )
            )
            self.incomplete = True
        return None

    def columns(
        self, sheet: Worksheet, specs: Sequence[_Column], required: Sequence[str]
    ) -> dict[int, tuple[_Column, str]] | None:
        """The header row: column number -> (column, header as written), or None when a
        required column is missing."""
        by_name: dict[str, _Column] = {}
        for spec in specs:
            by_name[_fold(spec.key)] = spec
            by_name[_fold(spec.header)] = spec
        found: dict[int, tuple[_Column, str]] = {}
        first: dict[str, int] = {}
        known = ", ".join(spec.header for spec in specs)
        for cell in next(sheet.iter_rows(min_row=1, max_row=1), ()):
            column = cell.column
            if column is None or _is_blank(cell.value):
                continue
            header = _as_text(cell.value).strip()
            place = _Place(sheet.title, 1, column, header)
            matched = by_name.get(_fold(header))
            if matched is None:
                self.problem(
                    place,
                    Text(gettext_noop("unknown column; the columns are: %(known)s"), known=known),
                )
            elif matched.key in first:
                also = get_column_letter(first[matched.key])
                self.problem(
                    place,
                    Text(
                        gettext_noop("the column is given twice (also column %(also)s)"),
                        also=also,
                    ),
                )
            else:
                first[matched.key] = column
                found[column] = (matched, header)
        missing = [spec for spec in specs if spec.key in required and spec.key not in first]
        for spec in missing:
            message = Text(
                gettext_noop("the column '%(header)s' (%(key)s) is missing"),
                header=spec.header,
                key=spec.key,
            )
            self.problem(_Place(sheet.title, 1), message)
        if missing:
            self.incomplete = True
            return None
        return found

    def rows(
        self, sheet: Worksheet, columns: Mapping[int, tuple[_Column, str]]
    ) -> Iterator[tuple[int, _SheetCells]]:
        """Each row below the header with a value under a known header: its number and
        its cells by column key."""
        header_cells = next(sheet.iter_rows(min_row=1, max_row=1), ())
        named = {cell.column for cell in header_cells if not _is_blank(cell.value)}
        headerless: set[int] = set()
        for cells in sheet.iter_rows(min_row=2):
            row = cells[0].row
            if row is None:
                continue
            found: _SheetCells = {}
            for cell in cells:
                column = cell.column
                if column is None or _is_blank(cell.value):
                    continue
                if column in columns:
                    spec, header = columns[column]
                    found[spec.key] = (cell, _Place(sheet.title, row, column, header))
                elif column not in named and column not in headerless:
                    headerless.add(column)
                    place = _Place(sheet.title, row, column, "")
                    self.problem(place, Text(gettext_noop("a value in a column without a header")))
            # Values only under unknown headers were reported with the header; the row
            # is otherwise blank.
            if not found:
                continue
            for column, (spec, header) in columns.items():
                if spec.key not in found:
                    found[spec.key] = (cells[column - 1], _Place(sheet.title, row, column, header))
            yield row, found

    def info(self, document: dict[str, Any]) -> None:
        sheet = self.sheet(INFO_SHEET, required=True)
        if sheet is None:
            return
        self.places[()] = _Place(sheet.title)
        columns = self.columns(sheet, _INFO_COLUMNS, ("key", "value"))
        if columns is None:
            return
        fields: dict[str, _Field] = {}
        for known_field in _INFO_FIELDS:
            fields[_fold(known_field.key)] = known_field
            fields[_fold(known_field.label)] = known_field
        for alias, key in _INFO_ALIASES.items():
            fields[_fold(alias)] = fields[key]
        given: dict[tuple[str, ...], int] = {}
        sources: list[str] = []
        for row, cells in self.rows(sheet, columns):
            if "key" not in cells or "value" not in cells:
                continue
            key_cell, key_place = cells["key"]
            value_cell, value_place = cells["value"]
            name = self.read(key_cell, key_place, "code", None, "key")
            if not name:
                self.problem(key_place, Text(gettext_noop("the field name is empty")))
                continue
            field = fields.get(_fold(str(name)))
            if field is None and _fold(str(name)).startswith(_LEGAL_PREFIX):
                key = str(name)[len(_LEGAL_PREFIX) :].strip()
                field = _Field(_LEGAL_PREFIX + key, str(name), "text", ("legal_basis", key))
            if field is None:
                labels = ", ".join(known.label for known in _INFO_FIELDS)
                message = Text(
                    gettext_noop(
                        "unknown field %(name)s; the fields are: %(labels)s, legal_basis.<key>"
                    ),
                    name=repr(name),
                    labels=labels,
                )
                self.problem(key_place, message)
                continue
            value = self.read(value_cell, value_place, field.kind, None, field.key)
            if value is None:
                continue
            self.places.setdefault(field.target[:1], value_place)
            if field.kind == "list":
                for line, place in _cell_lines(str(value), value_place):
                    self.places[("sources", len(sources))] = place
                    sources.append(line.strip())
                continue
            if field.target in given:
                self.problem(
                    value_place,
                    f"given twice (first on row {given[field.target]})",
                    None,
                    field.key,
                )
                continue
            given[field.target] = row
            self.places[field.target] = value_place
            _put(document, field.target, value)
        if sources:
            document["sources"] = sources

    def levels(self, document: dict[str, Any]) -> None:
        sheet = self.sheet(LEVEL_SHEET, required=False)
        if sheet is None:
            return
        self.places[("levels",)] = _Place(sheet.title)
        columns = self.columns(sheet, _LEVEL_COLUMNS, _LEVEL_REQUIRED)
        if columns is None:
            return
        levels: list[dict[str, Any]] = []
        for row, cells in self.rows(sheet, columns):
            path: Path = ("levels", len(levels))
            self.places[path] = _Place(sheet.title, row)
            levels.append(self._record(cells, _LEVEL_COLUMNS, path, None, "levels."))
        if levels:
            if document.get("levels") == []:
                self.problem(
                    _Place(sheet.title),
                    f"the sheet '{INFO_SHEET}' says there are no levels, yet this sheet lists some",
                    None,
                    "levels",
                )
            document["levels"] = levels

    def figures(self, document: dict[str, Any]) -> None:
        sheet = self.sheet(FIGURE_SHEET, required=False)
        if sheet is None:
            return
        self.places[("figures",)] = _Place(sheet.title)
        columns = self.columns(sheet, _FIGURE_COLUMNS, _FIGURE_REQUIRED)
        if columns is None:
            return
        figures: list[dict[str, Any]] = []
        for row, cells in self.rows(sheet, columns):
            path: Path = ("figures", len(figures))
            self.places[path] = _Place(sheet.title, row)
            code = self._peek(cells, "code") or None
            figures.append(self._record(cells, _FIGURE_COLUMNS, path, code))
        if figures:
            document["figures"] = figures

    def _record(
        self,
        cells: _SheetCells,
        specs: Sequence[_Column],
        path: Path,
        code: str | None,
        prefix: str = "",
    ) -> dict[str, Any]:
        """The document of one row, for the simple columns (not parent, bands, options)."""
        record: dict[str, Any] = {}
        for spec in specs:
            if spec.key not in cells or spec.kind in {"bands", "options"} or not spec.target:
                continue
            cell, place = cells[spec.key]
            self.places[path + spec.target] = place
            value = self.read(cell, place, spec.kind, code, prefix + ".".join(spec.target))
            if value is None and spec.needs_value:
                self.problem(place, "must not be empty", code, prefix + ".".join(spec.target))
                value = ""  # a stand-in, so the schema's own complaint here is dropped
            if value is not None:
                _put(record, spec.target, value)
        return record

    def _lines(
        self, cells: _SheetCells, key: str, path: Path, code: str | None
    ) -> list[Any] | None:
        """Bands (``at_least | points``) or options (``code | points | label``) of a cell."""
        if key not in cells:
            return None
        cell, place = cells[key]
        self.places[path + ("rule", key)] = place
        reported = len(self.problems)
        text = self.read(cell, place, "text", code, f"rule.{key}")
        if text is None:
            return None
        if len(self.problems) > reported:
            self.places[path + ("rule", key, 0)] = place
            return [text]  # already reported; a stand-in like any unreadable cell
        names = ("at_least", "points") if key == "bands" else ("code", "points", "label")
        example = "80 | 9" if key == "bands" else "A | 10 | Đạt"
        items: list[Any] = []
        for line, line_place in _cell_lines(str(text), place):
            self.places[path + ("rule", key, len(items))] = line_place
            parts = [part.strip() for part in line.split("|", len(names) - 1)]
            if len(parts) != len(names):
                self.problem(
                    line_place, f"write {' | '.join(names)}, e.g. '{example}'", code, f"rule.{key}"
                )
                items.append(line)
                continue
            item: dict[str, Any] = dict(zip(names, parts, strict=True))
            try:
                item["points"] = _as_decimal(item["points"])
                if key == "bands":
                    item["at_least"] = _as_decimal(item["at_least"])
            except _CellError as exc:
                self.problem(line_place, exc.args[0], code, f"rule.{key}")
            items.append(item)
        return items

    def nodes(self, document: dict[str, Any]) -> None:
        sheet = self.sheet(NODE_SHEET, required=True)
        if sheet is None:
            return
        self.places[("nodes",)] = _Place(sheet.title)
        columns = self.columns(sheet, _NODE_COLUMNS, _NODE_REQUIRED)
        if columns is None:
            return
        rows = list(self.rows(sheet, columns))
        every_code: dict[str, int] = {}
        for row, cells in rows:
            every_code.setdefault(self._peek(cells, "code"), row)
        top: list[dict[str, Any]] = []
        seen: dict[str, tuple[dict[str, Any], Path, _Place]] = {}
        for row, cells in rows:
            code = self._peek(cells, "code") or None
            siblings = top
            path: Path = ("nodes", len(top))
            if "parent" in cells:
                parent_cell, parent_place = cells["parent"]
                parent = self.read(parent_cell, parent_place, "code", code, "parent")
                if parent and parent in seen:
                    parent_node, parent_path, _ = seen[str(parent)]
                    siblings = parent_node.setdefault("children", [])
                    path = parent_path + ("children", len(siblings))
                elif parent:
                    message = self._parent_message(str(parent), code, every_code)
                    self.problem(parent_place, message, code, "parent")
            # The node is read after its path is known, so each cell is filed under it.
            node = self._node(cells, path, code)
            siblings.append(node)
            row_place = _Place(sheet.title, row)
            self.places[path] = row_place
            self.row_paths[self.describe(row_place)] = path
            if code is None:
                continue
            if code in seen:
                first = self.describe(seen[code][2])
                self.problem(
                    cells["code"][1], f"duplicate code (first used at {first})", code, "code"
                )
            else:
                seen[code] = (node, path, cells["code"][1])
        document["nodes"] = top

    def _peek(self, cells: _SheetCells, key: str) -> str:
        """A code cell's text without reporting anything (the cell is read, and reported
        on, with the rest of its row)."""
        if key not in cells:
            return ""
        cell, place = cells[key]
        try:
            value = self.value(cell, place)
        except _CellError:
            return ""
        return "" if _is_blank(value) else _as_text(value).strip()

    @staticmethod
    def _parent_message(parent: str, code: str | None, every_code: Mapping[str, int]) -> str:
        if parent == code:
            return "a criterion cannot be its own parent"
        if parent in every_code:
            row = every_code[parent]
            return f"the parent {parent!r} must come before its sub-criteria (it is on row {row})"
        return f"the parent code {parent!r} does not appear in an earlier row"

    def _node(self, cells: _SheetCells, path: Path, code: str | None) -> dict[str, Any]:
        node = self._record(cells, _NODE_COLUMNS, path, code)
        for key in ("bands", "options"):
            items = self._lines(cells, key, path, code)
            if items is not None:
                node.setdefault("rule", {})[key] = items
        if "rule" in cells:
            self.places[path + ("rule",)] = cells["rule"][1]
            rule = node.get("rule")
            if rule is not None and "kind" not in rule:
                filled = ", ".join(
                    spec.header
                    for spec in _NODE_COLUMNS
                    if len(spec.target) == 2 and spec.target[0] == "rule" and spec.target[1] in rule
                )
                message = f"the rule is empty but its cells are filled: {filled}"
                self.problem(cells["rule"][1], message, code, "rule")
                del node["rule"]
        if "evidence_required" in cells:
            self.places[path + ("evidence",)] = cells["evidence_required"][1]
        return node

    def document(self) -> dict[str, Any]:
        document: dict[str, Any] = {}
        self.info(document)
        self.levels(document)
        self.figures(document)
        self.nodes(document)
        return document


MAX_SHEET_CELLS = 1_000_000  # a set of 300 criteria fills about 6,000
# Cells of the whole workbook, counted before it is loaded: the full load keeps about
# 400 bytes a cell (3 million cells, a 7 MB file, took 1.2 GB), and the shipped sets
# fill at most about 2,300.
MAX_WORKBOOK_CELLS = 200_000


def _open_workbook(data: bytes, filename: str) -> Workbook:
    def refuse(message: str) -> CriteriaFileError:
        return CriteriaFileError(filename, [Problem(filename, message)])

    if data[:4] == b"\xd0\xcf\x11\xe0":
        raise refuse("an old Excel 97-2003 (.xls) file: save it as an Excel workbook (.xlsx)")
    if not zipfile.is_zipfile(BytesIO(data)):
        raise refuse("not an Excel workbook (.xlsx)")
    try:
        checked_archive(data, IMPORT_LIMITS).close()
    except ArchiveRefused as error:
        raise refuse(f"{filename} is refused unread: {error}") from None
    try:
        too_many = more_cells_than(data, MAX_WORKBOOK_CELLS)
        workbook = None if too_many else load_workbook(BytesIO(data))
    # openpyxl raises many unrelated types for a damaged or foreign zip; all of them
    # mean the same thing to the person who sent it.
    except Exception as exc:
        raise refuse(f"not an Excel workbook (.xlsx) that can be read: {exc}") from exc
    if workbook is None:
        raise refuse(
            Text(
                gettext_noop(
                    "the workbook holds more than %(max)s cells: a criteria set needs far fewer"
                ),
                max=MAX_WORKBOOK_CELLS,
            )
        )
    for sheet in workbook.worksheets:
        # Reading a sheet row by row makes every cell of its span: one value in XFD1048576
        # would make 17 billion.
        if sheet.max_row * sheet.max_column > MAX_SHEET_CELLS:
            raise refuse(
                f"the sheet '{sheet.title}' spans {sheet.max_row} rows and {sheet.max_column}"
                f" columns: a criteria set needs at most {MAX_SHEET_CELLS} cells a sheet"
            )
    return workbook


def criteria_set_from_xlsx(data: bytes, filename: str) -> CriteriaSet:
    """Read a criteria set from the bytes of an .xlsx workbook; ``filename`` is used in
    messages. Raises ``CriteriaFileError`` listing every problem with its sheet, row
    and column."""
    reader = _Reader(_open_workbook(data, filename), data, filename)
    document = reader.document()
    if reader.problems:
        problems = list(reader.problems)
        if not reader.incomplete:
            taken = {problem.where for problem in problems}
            problems += [
                p for p in schema_problems(document, reader.locate) if p.where not in taken
            ]
        raise CriteriaFileError(filename, reader.in_order(problems))
    try:
        return build_criteria_set(document, reader.locate, filename)
    except CriteriaFileError as error:
        pinpointed = [reader.pinpoint(problem) for problem in error.problems]
        raise CriteriaFileError(filename, reader.in_order(pinpointed)) from None
