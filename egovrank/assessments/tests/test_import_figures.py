"""Figures from other systems (CSV or Excel) fill the matching inputs of a period's forms:
every row checked first, every problem reported with its row and column, then all saved
through the form's own path (revision-checked, in the history with their source) or none."""

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from openpyxl import Workbook

from egovrank.assessments.choices import AssessmentState
from egovrank.assessments.figures import FiguresRefused, do_import_figures
from egovrank.assessments.models import Answer, Assessment
from egovrank.core.models import AuditEvent
from egovrank.testing.ziparchive import cost, xlsx_with_sheet

from .helpers import save

pytestmark = pytest.mark.django_db

SOURCE = "Cổng dịch vụ công, thống kê 2019"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def csv_bytes(*lines, bom=True):
    text = "\n".join(lines) + "\n"
    return ("\ufeff" if bom else "").encode() + text.encode("utf-8")


def xlsx_bytes(*rows):
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def answer(world, key, code):
    return Answer.objects.filter(assessment__participant=world.participants[key], code=code).first()


def problems_of(refusal):
    return [(p.row, p.column, p.message) for p in refusal.value.problems]


def test_it_saves_each_figure_as_the_form_would_with_its_source(world):
    content = csv_bytes(
        "unit_code,unit_name,criterion,value",
        "K01-05,Sở Tài chính,DVC1,12/40",
        "K01-09,Sở Xây dựng,HT3.1,yes",
        "11989,Xã Lạc Đạo,UD5,7",
    )
    report = do_import_figures(
        world.period, "dvc-2019.csv", content, source=SOURCE, actor=world.administrator
    )
    assert [(r.row, r.unit_code, r.criterion, r.before, r.after) for r in report.rows] == [
        (2, "K01-05", "DVC1", "", "12/40"),
        (3, "K01-09", "HT3.1", "", "yes"),
        (4, "11989", "UD5", "", "7"),
    ]
    saved = answer(world, "sotc", "DVC1")
    assert (saved.value, saved.revision, saved.updated_by) == ("12/40", 1, world.administrator)
    assert answer(world, "lacdao", "UD5").value == "7"
    events = AuditEvent.objects.filter(action="answer.changed").order_by("pk")
    assert [event.data["code"] for event in events] == ["DVC1", "HT3.1", "UD5"]
    assert {event.data["source"] for event in events} == {SOURCE}
    assert all(event.actor == world.administrator for event in events)
    assert events[0].data["after"]["value"] == "12/40"
    assert events[0].data["points_after"] != events[0].data["points_before"]
    summary = AuditEvent.objects.get(action="figures.imported")
    assert summary.target_id == str(world.period.pk)
    assert summary.data == {"file": "dvc-2019.csv", "source": SOURCE, "rows": 3, "changed": 3}


def test_it_reads_excel_with_the_ratio_in_two_columns(world):
    content = xlsx_bytes(
        ("Mã đơn vị", "Tiêu chí", "Tử số", "Mẫu số"),
        ("K01-05", "DVC1", 12, 40),
        ("11989", "DVC2", 3, 15),
    )
    report = do_import_figures(
        world.period, "dvc.xlsx", content, source=SOURCE, actor=world.administrator
    )
    assert [r.after for r in report.rows] == ["12/40", "3/15"]
    assert answer(world, "lacdao", "DVC2").value == "3/15"


def test_a_semicolon_separated_csv_from_vietnamese_excel_is_read(world):
    content = csv_bytes("unit_code;criterion;value", "K01-05;UD5;4", bom=False)
    do_import_figures(world.period, "f.csv", content, source=SOURCE, actor=None)
    assert answer(world, "sotc", "UD5").value == "4"


def test_it_keeps_the_note_and_moves_the_revision_on(world):
    save(world.participants["sotc"], "DVC1", "1/2", actor=world.unit_officer, note="Số liệu Q3")
    content = csv_bytes("unit_code,criterion,value", "K01-05,DVC1,30/40")
    report = do_import_figures(world.period, "f.csv", content, source=SOURCE, actor=None)
    saved = answer(world, "sotc", "DVC1")
    assert (saved.value, saved.note, saved.revision) == ("30/40", "Số liệu Q3", 2)
    assert (report.rows[0].before, report.rows[0].after) == ("1/2", "30/40")


def test_a_figure_already_there_is_reported_unchanged_and_not_recorded_again(world):
    save(world.participants["sotc"], "UD5", "4", actor=world.unit_officer)
    content = csv_bytes("unit_code,criterion,value", "K01-05,UD5,4")
    report = do_import_figures(world.period, "f.csv", content, source=SOURCE, actor=None)
    assert not report.rows[0].changed
    assert report.changed == []
    assert AuditEvent.objects.filter(action="answer.changed").count() == 1
    assert not AuditEvent.objects.filter(action="figures.imported").exists()


def test_it_reports_every_problem_with_its_row_and_column_and_saves_nothing(world):
    content = csv_bytes(
        "unit_code,criterion,value,numerator,denominator",
        "K01-05,DVC1,12/40,,",  # fine, but the file is refused as a whole
        "XX-99,DVC1,1/2,,",
        "33,DVC1,1/2,,",  # the province exists but does not take part
        "K01-05,ZZ9,1,,",
        "K01-05,HT3,yes,,",  # a group, not a criterion
        "K01-05,HT3.1,maybe,,",
        "K01-05,HT2,abc/4,,",
        "K01-05,UD5,,3,4",  # a count takes one figure
        "K01-05,DVC1,5/6,,",  # the same criterion again
        "K01-05,DVC2,,,",
        ",DVC2,1/2,,",
    )
    with pytest.raises(FiguresRefused) as refusal:
        do_import_figures(world.period, "f.csv", content, source=SOURCE, actor=None)
    assert problems_of(refusal) == [
        (3, "unit_code", "No unit has the code XX-99."),
        (4, "unit_code", "33 does not take part in the 2019 period."),
        (5, "criterion", "There is no criterion with the code ZZ9."),
        (6, "criterion", "HT3 is a group: give the figures of its criteria."),
        (7, "value", "[HT3.1] expected yes or no, got 'maybe'"),
        (
            8,
            "value",
            "[HT2] The first figure: enter a number, such as 12 or 7,5 (no thousands separator).",
        ),
        (9, "numerator", "UD5 takes one figure, not a numerator and denominator"),
        (10, "criterion", "K01-05 DVC1 is also on row 2"),
        (11, "value", "no value"),
        (12, "unit_code", "a unit code is needed"),
    ]
    assert "f.csv: 10 problems, nothing imported:" in str(refusal.value)
    assert "f.csv, row 3, column unit_code: No unit has the code XX-99." in str(refusal.value)
    assert not Answer.objects.exists()
    assert not AuditEvent.objects.exists()


def test_the_cores_refusal_of_a_figure_is_said_in_vietnamese(world):
    content = csv_bytes("unit_code,criterion,value,numerator,denominator", "K01-05,HT3.1,maybe,,")
    with translation.override("vi"), pytest.raises(FiguresRefused) as refusal:
        do_import_figures(world.period, "f.csv", content, source=SOURCE, actor=None)
    assert problems_of(refusal) == [
        (2, "value", "[HT3.1] cần trả lời có hoặc không, nhận được 'maybe'")
    ]


def test_a_form_that_cannot_be_edited_now_is_reported(world):
    save(world.participants["sotc"], "UD5", "4", actor=world.unit_officer)
    Assessment.objects.filter(participant=world.participants["sotc"]).update(
        state=AssessmentState.APPROVED
    )
    content = csv_bytes("unit_code,criterion,value", "K01-09,UD5,2", "K01-05,UD5,9")
    with pytest.raises(FiguresRefused) as refusal:
        do_import_figures(world.period, "f.csv", content, source=SOURCE, actor=None)
    assert problems_of(refusal) == [
        (3, "unit_code", "K01-05: The review of this form is approved."),
    ]
    assert answer(world, "soxd", "UD5") is None
    assert answer(world, "sotc", "UD5").value == "4"


def test_a_file_without_the_needed_columns_is_refused_at_its_header(world):
    content = csv_bytes("unit,criterion,valeur", "K01-05,UD5,4")
    with pytest.raises(FiguresRefused) as refusal:
        do_import_figures(world.period, "f.csv", content, source=SOURCE, actor=None)
    assert [(row, column) for row, column, _ in problems_of(refusal)] == [
        (1, "unit"),
        (1, "valeur"),
        (1, ""),
    ]
    assert "missing column(s): unit_code, value" in str(refusal.value)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("f.txt", b"unit_code,criterion,value\n", "a figures file must be a .csv or .xlsx file"),
        ("f.csv", b"unit_code,criterion,value\nK01-05,UD5,\xff\n", "not UTF-8"),
        ("f.xlsx", b"not a workbook", "not an Excel workbook (.xlsx)"),
        ("f.csv", b"\n\n", "the file is empty"),
        ("f.csv", b"unit_code,criterion,value\n", "no figures in the file"),
    ],
)
def test_a_file_that_is_not_a_table_of_figures_is_refused(world, name, content, message):
    with pytest.raises(FiguresRefused) as refusal:
        do_import_figures(world.period, name, content, source=SOURCE, actor=None)
    assert message in str(refusal.value)


def test_the_source_is_required(world):
    content = csv_bytes("unit_code,criterion,value", "K01-05,UD5,4")
    with pytest.raises(FiguresRefused, match="name the source"):
        do_import_figures(world.period, "f.csv", content, source="  ", actor=None)


def test_a_dry_run_reports_what_would_change_and_changes_nothing(world):
    content = csv_bytes("unit_code,criterion,value", "K01-05,UD5,4")
    report = do_import_figures(
        world.period, "f.csv", content, source=SOURCE, actor=None, dry_run=True
    )
    assert report.dry_run
    assert [(r.before, r.after) for r in report.rows] == [("", "4")]
    assert not Answer.objects.exists()
    assert not Assessment.objects.exists()
    assert not AuditEvent.objects.exists()


def test_the_command_imports_and_prints_a_line_per_row(world, tmp_path):
    path = tmp_path / "dvc.csv"
    path.write_bytes(csv_bytes("unit_code,criterion,value", "K01-05,DVC1,12/40"))
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "import_figures",
        "2019",
        str(path),
        source=SOURCE,
        user="administrator",
        stdout=out,
        stderr=err,
    )
    assert "dvc.csv: 1 figure(s) for period 2019, 1 changed" in out.getvalue()
    assert "row 2: K01-05 Sở Tài chính DVC1: — → 12/40" in out.getvalue()
    assert "import-figures: 1/1 (100%)" in err.getvalue()
    assert answer(world, "sotc", "DVC1").updated_by == world.administrator


def test_the_command_refuses_a_bad_file_with_exit_code_2(world, tmp_path):
    path = Path(tmp_path / "dvc.csv")
    path.write_bytes(csv_bytes("unit_code,criterion,value", "K01-05,DVC1,lots"))
    with pytest.raises(CommandError) as refusal:
        call_command("import_figures", "2019", str(path), source=SOURCE, stdout=io.StringIO())
    assert refusal.value.returncode == 2
    assert "row 2, column value: [DVC1]" in str(refusal.value)
    assert not Answer.objects.exists()


def test_the_command_refuses_an_unknown_period(world, tmp_path):
    path = tmp_path / "dvc.csv"
    path.write_bytes(csv_bytes("unit_code,criterion,value", "K01-05,DVC1,1/2"))
    with pytest.raises(CommandError, match="There is no period for 2030"):
        call_command("import_figures", "2030", str(path), source=SOURCE)


def test_a_figures_workbook_that_would_inflate_hugely_is_refused_unread(world):
    bomb = xlsx_with_sheet(
        xlsx_bytes(("unit_code", "criterion", "value")), b"<a>" + b" " * (8 << 20) + b"</a>"
    )

    spent = cost(
        lambda: do_import_figures(world.period, "dvc.xlsx", bomb, source=SOURCE, actor=None)
    )

    assert isinstance(spent.outcome, FiguresRefused)
    assert "dvc.xlsx is refused unread: a part of it is compressed more than 100 times" in str(
        spent.outcome
    )
    assert spent.seconds < 1
    assert spent.peak_mb < 50


def test_a_figures_csv_with_a_huge_cell_or_too_many_rows_is_refused(world):
    def refusal(content):
        with pytest.raises(FiguresRefused) as caught:
            do_import_figures(world.period, "f.csv", content, source=SOURCE, actor=None)
        return str(caught.value)

    huge = csv_bytes("unit_code;criterion;value", "K01-05;UD5;" + "4" * 200_000, bom=False)
    assert "f.csv, row 2: a cell is longer than 100000 characters" in refusal(huge)
    many = csv_bytes("unit_code,criterion,value") + b"\n" * 100_001
    assert "more than 100000 rows: split the file" in refusal(many)


def test_figures_headers_fold_as_the_unit_lists_do(world):
    content = csv_bytes("Mã/đơn vị;Tiêu chí;Giá trị", "K01-05;UD5;4")
    do_import_figures(world.period, "f.csv", content, source=SOURCE, actor=None)
    assert answer(world, "sotc", "UD5").value == "4"
