"""The import_units and export_units management commands."""

import io

import pytest
from django.core.management import CommandError, call_command

from egovrank.core.models import AuditEvent
from egovrank.orgs.models import Unit

from .helpers import DEMO

pytestmark = pytest.mark.usefixtures("english")


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_it_imports_a_file_and_reports_the_counts(registry):
    out = run("import_units", str(DEMO))

    assert "189 created, 0 updated, 0 unchanged" in out
    assert Unit.objects.count() == 190


@pytest.mark.django_db
def test_a_dry_run_reports_what_would_change_and_writes_nothing(registry):
    out = run("import_units", str(DEMO), "--dry-run")

    assert "Dry run" in out
    assert "189 created" in out
    assert Unit.objects.count() == 1
    assert AuditEvent.objects.count() == 0


@pytest.mark.django_db
def test_a_bad_file_is_refused_with_every_problem_listed(registry, tmp_path):
    path = tmp_path / "units.csv"
    path.write_text("code,name,block,parent\nD1,,KHOI02,33\nD2,Huyện Hai,KHOI02,999\n")

    with pytest.raises(CommandError) as caught:
        run("import_units", str(path))

    message = str(caught.value)
    assert "2 problems, nothing imported" in message
    assert "units.csv, row 2, column name: a name is needed" in message
    assert "units.csv, row 3, column parent: unknown parent unit '999'" in message
    assert Unit.objects.count() == 1


@pytest.mark.django_db
def test_a_missing_file_is_a_command_error(tmp_path):
    with pytest.raises(CommandError, match="nope.csv"):
        run("import_units", str(tmp_path / "nope.csv"))


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["units.csv", "units.xlsx"])
def test_an_export_imports_back_unchanged(registry, tmp_path, name):
    run("import_units", str(DEMO))
    path = tmp_path / name

    out = run("export_units", str(path))

    assert f"Wrote 190 units to {path}" in out
    # The province was made outside any unit list: the export leaves its position empty,
    # and an empty position leaves it alone, so nothing changes.
    assert "0 created, 0 updated, 190 unchanged" in run("import_units", str(path))
    assert Unit.objects.get(code="33").list_order is None


@pytest.mark.django_db
def test_export_refuses_another_file_type(tmp_path):
    with pytest.raises(CommandError, match=r"must end in \.csv or \.xlsx"):
        run("export_units", str(tmp_path / "units.txt"))
