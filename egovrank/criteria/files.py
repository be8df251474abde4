"""A version in and out of the scoring core's file formats: YAML and Excel (.xlsx)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from egovrank.scoring.fileformat.problems import CriteriaFileError, Problem
from egovrank.scoring.fileformat.xlsx_io import criteria_set_from_xlsx, criteria_set_to_xlsx
from egovrank.scoring.fileformat.yaml_io import dump_criteria_set, loads_criteria_set
from egovrank.scoring.tree import CriteriaSet

from .models import CriteriaVersion
from .versions import criteria_set_of

__all__ = ["FORMATS", "export_version", "read_criteria_file"]

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Format -> (content type, file name suffix).
FORMATS = {"yaml": ("application/yaml; charset=utf-8", ".yaml"), "xlsx": (XLSX, ".xlsx")}


def read_criteria_file(filename: str, content: bytes) -> tuple[CriteriaSet, str]:
    """The set in a .yaml or .xlsx file and the YAML text to store for it: the file's
    own text for YAML (its comments kept), the set written as YAML for Excel.

    Raises ``CriteriaFileError`` listing every problem with its place (line, or sheet,
    row and column) and criterion code.
    """
    suffix = filename.lower().rpartition(".")[2]
    if suffix in ("yaml", "yml"):
        try:
            text = content.decode("utf-8").removeprefix("\ufeff")
        except UnicodeDecodeError:
            problem = Problem(filename, _("the file is not UTF-8 text"))
            raise CriteriaFileError(filename, [problem]) from None
        return loads_criteria_set(text, filename), text
    if suffix == "xlsx":
        criteria_set = criteria_set_from_xlsx(content, filename)
        return criteria_set, dump_criteria_set(criteria_set)
    problem = Problem(filename, _("the file name must end in .yaml, .yml or .xlsx"))
    raise CriteriaFileError(filename, [problem])


def export_version(version: CriteriaVersion, fmt: str) -> bytes:
    """The version as a file: the stored YAML text as it is, or an Excel workbook that
    reads back as the same set."""
    if fmt == "yaml":
        return version.source_yaml.encode("utf-8")
    if fmt == "xlsx":
        return criteria_set_to_xlsx(criteria_set_of(version))
    raise ValueError(f"unknown format {fmt!r}")
