"""The import_criteria and export_criteria management commands."""

import io

import pytest
from django.core.management import CommandError, call_command

from egovrank.core.models import AuditEvent
from egovrank.criteria.models import CriteriaVersion
from egovrank.criteria.versions import criteria_set_of
from egovrank.scoring.catalogue import packaged_set, packaged_set_text
from egovrank.scoring.fileformat.xlsx_io import criteria_set_from_xlsx

from .helpers import TINY_YAML, shipped_xlsx, shipped_yaml

pytestmark = pytest.mark.usefixtures("english")


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_it_imports_a_yaml_file(shipped, tmp_path):
    path = tmp_path / "k01-2021.yaml"
    path.write_bytes(shipped_yaml("hungyen-2021-khoi01"))

    out = run("import_criteria", str(path))

    assert "Imported hungyen-2021-khoi01" in out
    assert "maximum total 500" in out
    version = CriteriaVersion.objects.get(set_id="hungyen-2021-khoi01")
    assert version.created_by is None
    event = AuditEvent.objects.get(action="criteria_version.imported")
    assert event.actor is None
    assert event.data["file"] == "k01-2021.yaml"


def test_it_imports_an_excel_workbook(shipped, tmp_path):
    path = tmp_path / "k01.xlsx"
    path.write_bytes(shipped_xlsx("hungyen-2021-khoi01"))

    run("import_criteria", str(path))

    version = CriteriaVersion.objects.get(set_id="hungyen-2021-khoi01")
    assert criteria_set_of(version).nodes == packaged_set("hungyen-2018-khoi01").nodes


def test_a_dry_run_saves_nothing(shipped, tmp_path):
    path = tmp_path / "k01.yaml"
    path.write_bytes(shipped_yaml("hungyen-2021-khoi01"))

    out = run("import_criteria", str(path), "--dry-run")

    assert "Dry run: hungyen-2021-khoi01" in out
    assert "nothing was saved" in out
    assert CriteriaVersion.objects.count() == 3
    assert not AuditEvent.objects.exists()


def test_a_bad_file_is_refused_with_every_problem_listed(shipped, tmp_path):
    path = tmp_path / "tiny.yaml"
    path.write_text(TINY_YAML, encoding="utf-8")

    with pytest.raises(CommandError) as caught:
        run("import_criteria", str(path))

    message = str(caught.value)
    assert "2 problem(s), nothing loaded" in message
    assert "tiny.yaml, line 13: [C1] rule.yes_points: must be between 0" in message
    assert "tiny.yaml, line 14: [C2] max_points: a criterion needs max_points" in message
    assert CriteriaVersion.objects.count() == 3


def test_a_taken_identifier_is_refused(shipped, tmp_path):
    path = tmp_path / "k01.yaml"
    path.write_bytes(shipped_yaml("hungyen-2018-khoi01"))

    with pytest.raises(CommandError, match="already exists"):
        run("import_criteria", str(path))


def test_a_missing_file_is_a_command_error(db, tmp_path):
    with pytest.raises(CommandError, match="nope.yaml"):
        run("import_criteria", str(tmp_path / "nope.yaml"))


def test_it_exports_the_stored_yaml_to_standard_output(shipped):
    out = run("export_criteria", "hungyen-2018-khoi02")

    assert out == packaged_set_text("hungyen-2018-khoi02")


def test_it_exports_an_excel_workbook_to_a_file(shipped, tmp_path):
    path = tmp_path / "k03.xlsx"

    out = run("export_criteria", "hungyen-2018-khoi03", "--output", str(path))

    assert f"Wrote hungyen-2018-khoi03 to {path}." in out
    assert criteria_set_from_xlsx(path.read_bytes(), "k03.xlsx") == packaged_set(
        "hungyen-2018-khoi03"
    )


def test_an_excel_export_needs_a_file(shipped):
    with pytest.raises(CommandError, match="needs --output"):
        run("export_criteria", "hungyen-2018-khoi01", "--format", "xlsx")


def test_an_unknown_version_is_a_command_error(shipped):
    with pytest.raises(CommandError, match="There is no version no-such-set."):
        run("export_criteria", "no-such-set")
