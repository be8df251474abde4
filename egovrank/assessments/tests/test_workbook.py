"""The offline form: the form downloaded as a workbook, filled in with openpyxl as a unit
would in Excel, uploaded, previewed and confirmed; every refusal names its place and
saves nothing."""

from __future__ import annotations

import io
import random
from decimal import Decimal

import pytest
from django.utils import translation
from openpyxl import load_workbook

from egovrank.assessments.actions import FormLocked
from egovrank.assessments.models import Answer
from egovrank.assessments.tests.conftest import form_url
from egovrank.assessments.workbook_upload import (
    StaleUpload,
    WorkbookRefused,
    do_apply_upload,
    plan_upload,
)
from egovrank.core.models import AuditEvent
from egovrank.periods.models import PeriodBlock
from egovrank.testing.ziparchive import cost, xlsx_with_sheet

from .helpers import save
from .test_shared_figures import shared_version

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def download(client, world, key="sotc"):
    response = client.get(form_url(world, key, name="assessments:workbook"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    return load_workbook(io.BytesIO(response.content))


def row_of(sheet, code):
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == code:
            return row[0].row
    raise AssertionError(code)


def saved(workbook):
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def fill(workbook, **cells):
    """cells: {"HT3_1": {"F": "yes"}} (code with _ for .)."""
    sheet = workbook["Form"]
    for code, values in cells.items():
        row = row_of(sheet, code.replace("_", "."))
        for column, value in values.items():
            sheet[f"{column}{row}"] = value
    return workbook


def upload(client, world, content, name="phieu.xlsx", key="sotc"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = form_url(world, key, name="assessments:workbook_upload")
    return client.post(url, {"file": SimpleUploadedFile(name, content)})


def token_of(response):
    html = response.content.decode()
    start = html.index('name="token" value="') + len('name="token" value="')
    return html[start : html.index('"', start)]


def test_the_workbook_has_the_criteria_their_rules_inputs_and_evidence(world, officer):
    save(world.participants["sotc"], "HT1", "45/50", actor=world.unit_officer, note="=1+1")
    workbook = download(officer, world)
    assert workbook.sheetnames == ["Form", "Evidence", "About"]
    sheet = workbook["Form"]
    assert [cell.value for cell in sheet[1]][:6] == [
        "Code",
        "Criterion",
        "Max points",
        "How points are given",
        "Guidance",
        "Answer",
    ]
    row = row_of(sheet, "HT1")
    assert (sheet[f"G{row}"].value, sheet[f"H{row}"].value) == ("45", "50")
    assert sheet[f"L{row}"].value == "9"
    # A note that looks like a formula is written as text, never as a formula.
    assert sheet[f"J{row}"].value == "=1+1" and sheet[f"J{row}"].data_type == "s"
    kinds = {(v.type, v.formula1) for v in sheet.data_validations.dataValidation}
    assert ("list", '"yes,no"') in kinds and ("decimal", "0") in kinds
    assert workbook["About"]["B1"].value == world.participants["sotc"].unit_code


def test_round_trip_upload_preview_confirm_saves_answers_points_and_history(world, officer):
    save(world.participants["sotc"], "HT1", "45/50", actor=world.unit_officer)
    workbook = fill(
        download(officer, world),
        HT1={"G": 40, "H": 50},
        HT3_1={"F": "yes", "J": "Quyết định 12/QĐ"},
    )
    preview = upload(officer, world, saved(workbook))
    assert preview.status_code == 200, preview.content.decode()
    html = preview.content.decode()
    assert "What the workbook changes" in html
    assert Answer.objects.get(code="HT1").value == "45/50"  # nothing saved before confirming
    assert not Answer.objects.filter(code="HT3.1").exists()

    confirmed = officer.post(
        form_url(world, name="assessments:workbook_confirm"), {"token": token_of(preview)}
    )

    assert confirmed.status_code == 302
    ht1 = Answer.objects.get(code="HT1")
    assert (ht1.value, ht1.revision) == ("40/50", 2)
    ht31 = Answer.objects.get(code="HT3.1")
    assert (ht31.value, ht31.note) == ("yes", "Quyết định 12/QĐ")
    changed = AuditEvent.objects.filter(action="answer.changed", data__code="HT1").latest("at")
    assert (
        Decimal(changed.data["points_before"]) == 9 and Decimal(changed.data["points_after"]) == 8
    )
    assert changed.data["source"] == "workbook phieu.xlsx"
    upload_event = AuditEvent.objects.get(action="assessment.workbook_uploaded")
    assert upload_event.data["changed"] == 2
    # Downloaded again, the workbook shows the new answers and points.
    again = download(officer, world)["Form"]
    assert again[f"L{row_of(again, 'HT1')}"].value == "8"


def test_the_preview_shows_old_and_new_answers_and_points(world):
    participant = world.participants["sotc"]
    save(participant, "HT1", "45/50", actor=world.unit_officer)
    from egovrank.assessments.page import FormPage
    from egovrank.assessments.workbook import build_workbook

    workbook = load_workbook(io.BytesIO(build_workbook(FormPage(world.unit_officer, participant))))
    fill(workbook, HT1={"G": 25})
    plan = plan_upload(participant, "p.xlsx", saved(workbook))
    [change] = plan.changes
    assert (change.code, change.before.value, change.after.value) == ("HT1", "45/50", "25/50")
    assert (change.points_before, change.points_after) == (Decimal("9"), Decimal("5"))
    assert (change.sheet, change.row) == ("Form", row_of(workbook["Form"], "HT1"))


def test_values_excel_gives_back_differently_are_not_changes(world, officer):
    # Excel gives numbers back as numbers, and people type "yes" where the form saved "có":
    # the same answer as the criterion's rule reads it is not a change.
    save(world.participants["sotc"], "HT3.1", "có", actor=world.unit_officer)
    save(world.participants["sotc"], "UD5", "7", actor=world.unit_officer)
    workbook = fill(download(officer, world), HT3_1={"F": "yes"}, UD5={"F": 7})
    plan = plan_upload(world.participants["sotc"], "p.xlsx", saved(workbook))
    assert plan.changes == ()


def refusal(world, content, key="sotc", name="p.xlsx"):
    with pytest.raises(WorkbookRefused) as caught:
        plan_upload(world.participants[key], name, content)
    return caught.value


def places(refused):
    return [(p.where, p.code, p.message) for p in refused.problems]


def test_a_bad_value_is_named_by_sheet_row_column_and_code_and_nothing_is_saved(world, officer):
    workbook = fill(
        download(officer, world),
        HT3_1={"F": "maybe"},
        HT1={"G": 60, "H": 0},
        HT3_2={"F": "yes"},
    )
    sheet = workbook["Form"]
    refused = refusal(world, saved(workbook))
    ht31, ht1 = row_of(sheet, "HT3.1"), row_of(sheet, "HT1")
    assert (
        f"sheet Form, row {ht1}, column H",
        "HT1",
        "The second figure must not be 0.",
    ) in places(refused)
    assert any(
        where == f"sheet Form, row {ht31}, column F" and code == "HT3.1"
        for where, code, _message in places(refused)
    )
    response = upload(officer, world, saved(workbook))
    assert response.status_code == 400
    assert f"sheet Form, row {ht1}, column H" in response.content.decode()
    assert not Answer.objects.exists()


def test_an_unknown_code_a_duplicate_and_a_group_are_refused(world, officer):
    workbook = download(officer, world)
    sheet = workbook["Form"]
    sheet.append(["XX9", "", "", "", "", "yes"])
    sheet.append(["HT1", "", "", "", "", "", 1, 2])
    group = next(row[0].row for row in sheet.iter_rows(min_row=2) if row[0].font.bold)
    sheet[f"F{group}"] = "yes"
    messages = [message for _where, _code, message in places(refusal(world, saved(workbook)))]
    assert "There is no criterion with the code XX9." in messages
    assert any("HT1 is also on row" in message for message in messages)
    assert any("is a group" in message for message in messages)


def test_a_workbook_without_the_form_sheet_is_refused(world, officer):
    workbook = download(officer, world)
    workbook["Form"].title = "Sheet1"
    assert "no sheet named Form" in str(refusal(world, saved(workbook)))


def test_a_column_moved_is_refused_naming_it(world, officer):
    workbook = download(officer, world)
    workbook["Form"].insert_cols(3)
    assert "expected the column Max points here" in str(places(refusal(world, saved(workbook))))


def test_another_units_workbook_is_refused(world, officer, client):
    from .conftest import client_of

    other = download(client_of(world.administrator), world, "soxd")
    fill(other, HT3_1={"F": "yes"})
    refused = refusal(world, saved(other))
    assert "This workbook is the form of K01-09 for 2019, not of K01-05" in str(places(refused))


def test_a_formula_is_refused_naming_its_cell(world, officer):
    workbook = download(officer, world)
    row = row_of(workbook["Form"], "UD5")
    workbook["Form"][f"F{row}"] = "=2+3"
    assert f"Form!F{row} holds a formula" in str(refusal(world, saved(workbook)))


def test_a_zip_bomb_and_a_non_workbook_are_refused_without_a_crash(world, officer):
    workbook = saved(download(officer, world))
    bomb = xlsx_with_sheet(workbook, b"<a>" + b" " * (8 << 20) + b"</a>")
    spent = cost(lambda: plan_upload(world.participants["sotc"], "p.xlsx", bomb))
    assert isinstance(spent.outcome, WorkbookRefused)
    assert "refused unread" in str(spent.outcome)
    assert spent.seconds < 1 and spent.peak_mb < 50
    assert "not an Excel workbook" in str(refusal(world, b"hello"))
    response = upload(officer, world, b"PK\x03\x04 broken")
    assert response.status_code == 400


def test_a_workbook_of_many_small_cells_is_refused_before_it_is_parsed(world, officer):
    # Issue 15's attacker is a unit officer: a file under the 10 MB cap can hold millions
    # of small cells compressed only about 7 times, which the archive guard passes; 3
    # million took 14 s and 100 MB of the server to read up to the 2,000,000-cell limit.
    numbers = random.Random(15)
    rows = (
        "".join(f"<c><v>{numbers.randrange(10_000)}</v></c>" for _ in range(1000))
        for _ in range(300)
    )
    sheet = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<dimension ref="A1:B2"/><sheetData>'
        + "".join(f'<row r="{r}">{row}</row>' for r, row in enumerate(rows, start=1))
        + "</sheetData></worksheet>"
    ).encode()
    workbook = xlsx_with_sheet(saved(download(officer, world)), sheet)

    spent = cost(lambda: plan_upload(world.participants["sotc"], "p.xlsx", workbook))

    assert isinstance(spent.outcome, WorkbookRefused)
    assert "more than 200000 cells" in str(places(spent.outcome))
    assert spent.seconds < 1 and spent.peak_mb < 50


def test_a_huge_cell_is_refused(world, officer):
    workbook = download(officer, world)
    workbook["Form"][f"J{row_of(workbook['Form'], 'UD5')}"] = "x" * 40_000
    workbook["Form"][f"K{row_of(workbook['Form'], 'UD5')}"] = "y" * 6_000
    assert "at most 5000 characters" in str(places(refusal(world, saved(workbook))))


def test_a_preview_is_stale_once_any_answer_changed_and_saves_nothing(world, officer):
    participant = world.participants["sotc"]
    workbook = fill(download(officer, world), HT3_1={"F": "yes"})
    preview = upload(officer, world, saved(workbook))
    save(participant, "UD5", "3", actor=world.unit_head)  # another criterion, meanwhile

    response = officer.post(
        form_url(world, name="assessments:workbook_confirm"), {"token": token_of(preview)}
    )

    assert response.status_code == 409
    assert "The form changed after the preview" in response.content.decode()
    assert not Answer.objects.filter(code="HT3.1").exists()
    with pytest.raises(StaleUpload):
        do_apply_upload(participant, token_of(preview), actor=world.unit_officer)


def test_an_altered_or_foreign_token_is_refused(world, officer, head):
    workbook = fill(download(officer, world), HT3_1={"F": "yes"})
    token = token_of(upload(officer, world, saved(workbook)))
    url = form_url(world, name="assessments:workbook_confirm")
    assert officer.post(url, {"token": token[:-2] + "xx"}).status_code == 400
    # The head may edit too, but the preview was the officer's.
    assert head.post(url, {"token": token}).status_code == 400
    assert not Answer.objects.exists()


def test_a_locked_form_refuses_the_upload_and_the_confirmation(world, officer):
    participant = world.participants["sotc"]
    workbook = fill(download(officer, world), HT3_1={"F": "yes"})
    content = saved(workbook)
    token = token_of(upload(officer, world, content))
    participant.period.state = "review"
    participant.period.save()
    response = upload(officer, world, content)
    assert response.status_code == 409
    assert "Self-assessment is over" in response.content.decode()
    confirm = officer.post(form_url(world, name="assessments:workbook_confirm"), {"token": token})
    assert confirm.status_code == 409
    with pytest.raises(FormLocked):
        plan_upload(participant, "p.xlsx", content)
    assert not Answer.objects.exists()
    # Reading the form (and its workbook) stays open.
    download(officer, world)


def test_readers_download_but_cannot_upload(world, client):
    from .conftest import client_of

    reviewer = client_of(world.provincial_reviewer)
    download(reviewer, world)
    response = upload(reviewer, world, b"")
    assert response.status_code == 403


# --- a set with shared figures ------------------------------------------------------------


@pytest.fixture
def shared(world):
    """Khối 01 with shared figures (``test_shared_figures.shared_version``)."""
    PeriodBlock.objects.filter(period=world.period, block=world.blocks["KHOI01"]).update(
        version=shared_version()
    )
    return world


def fill_figure(workbook, code, value):
    sheet = workbook["Shared figures"]
    sheet[f"C{row_of(sheet, code)}"] = value
    return row_of(sheet, code)


def test_shared_figures_are_asked_once_on_their_own_sheet(shared, officer):
    workbook = download(officer, shared)
    assert workbook.sheetnames == ["Form", "Shared figures", "Evidence", "About"]
    figures = workbook["Shared figures"]
    assert figures[f"D{row_of(figures, 'TONG_CBCCVC')}"].value == "HT1, UD2, NL3, NL4"
    assert figures[f"E{row_of(figures, 'HO_SO')}"].value == "Cổng Dịch vụ công quốc gia"
    fill_figure(workbook, "TONG_CBCCVC", 50)
    fill(workbook, HT1={"F": 40})

    plan = plan_upload(shared.participants["sotc"], "p.xlsx", saved(workbook))

    by_code = {change.code: change for change in plan.changes}
    assert set(by_code) == {"TONG_CBCCVC", "HT1"}
    assert by_code["HT1"].points_after == 8  # 40/50 × 10
    do_apply_upload(
        shared.participants["sotc"],
        plan.token(shared.participants["sotc"], shared.unit_officer),
        actor=shared.unit_officer,
    )
    assert Answer.objects.get(code="TONG_CBCCVC").value == "50"


def test_a_numerator_above_the_figure_the_same_file_brings_is_refused(shared, officer):
    workbook = download(officer, shared)
    fill_figure(workbook, "TONG_CBCCVC", 30)
    fill(workbook, HT1={"F": 40})
    refused = refusal(shared, saved(workbook))
    where = f"sheet Form, row {row_of(workbook['Form'], 'HT1')}, column F"
    assert any(
        w == where and c == "HT1" and "above the shared figure TONG_CBCCVC (30)" in m
        for w, c, m in places(refused)
    )


def test_a_figure_from_a_system_cannot_be_typed_in_the_workbook(shared, officer):
    workbook = download(officer, shared)
    row = fill_figure(workbook, "HO_SO", 900)
    refused = refusal(shared, saved(workbook))
    [(where, code, message)] = places(refused)
    assert (where, code) == (f"sheet Shared figures, row {row}, column C", "HO_SO")
    assert "comes from Cổng Dịch vụ công quốc gia" in message


def test_a_workbook_downloaded_in_vietnamese_uploads_in_english(world):
    from django.test import Client

    client = Client(HTTP_ACCEPT_LANGUAGE="vi")
    client.force_login(world.unit_officer)
    save(world.participants["sotc"], "HT3.2", "yes", actor=world.unit_officer)
    with translation.override("vi"):
        workbook = download(client, world)
    assert workbook.sheetnames == ["Phiếu", "Tài liệu kiểm chứng", "Thông tin"]
    sheet = workbook["Phiếu"]
    assert sheet["A1"].value == "Mã" and sheet[f"F{row_of(sheet, 'HT3.2')}"].value == "có"
    kinds = {(v.type, v.formula1) for v in sheet.data_validations.dataValidation}
    assert ("list", '"có,không"') in kinds
    sheet[f"F{row_of(sheet, 'HT3.1')}"] = "không"

    plan = plan_upload(world.participants["sotc"], "p.xlsx", saved(workbook))

    [change] = plan.changes  # HT3.2 "có" is the "yes" already saved
    # Stored as the form's buttons send it, so the form shows it chosen.
    assert (change.code, change.after.value) == ("HT3.1", "no")


def test_a_file_past_the_size_limit_is_refused_before_it_is_read(world, officer, settings):
    from egovrank.assessments import workbook_upload

    big = b"PK" + b"\0" * (workbook_upload.MAX_BYTES + 1)
    response = upload(officer, world, big)
    assert response.status_code == 400
    assert "The file is larger than 10 MB." in response.content.decode()


def test_a_300_mb_cell_is_refused_unread(world, officer):
    """A sheet whose one cell holds 300 MB of text (compressed to a few hundred kB, as an
    attacker would send it) is refused by the zip guard before openpyxl reads it."""
    import zipfile
    import zlib

    from egovrank.testing.ziparchive import DEFLATED, RawMember, raw_zip

    source = zipfile.ZipFile(io.BytesIO(saved(download(officer, world))))
    head = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    head += b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>'
    tail = b"</t></is></c></row></sheetData></worksheet>"
    compressor, crc, size = zlib.compressobj(1, zlib.DEFLATED, -15), 0, 0
    parts = []
    chunk = b"A" * (1 << 20)
    for data in (head, *([chunk] * 300), tail):
        parts.append(compressor.compress(data))
        crc, size = zlib.crc32(data, crc), size + len(data)
    parts.append(compressor.flush())
    members = [
        RawMember(info.filename, b"".join(parts), DEFLATED, size, crc)
        if info.filename == "xl/worksheets/sheet1.xml"
        else RawMember(
            info.filename,
            zlib.compress(source.read(info))[2:-4],
            DEFLATED,
            info.file_size,
            zlib.crc32(source.read(info)),
        )
        for info in source.infolist()
    ]
    bomb = raw_zip(members)
    assert len(bomb) < 2 << 20

    spent = cost(lambda: plan_upload(world.participants["sotc"], "p.xlsx", bomb))

    assert isinstance(spent.outcome, WorkbookRefused)
    assert "refused unread" in str(spent.outcome)
    assert spent.seconds < 1 and spent.peak_mb < 50
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = officer.post(
        form_url(world, name="assessments:workbook_upload"),
        {"file": SimpleUploadedFile("p.xlsx", bomb)},
    )
    assert response.status_code == 400
    assert "refused unread" in response.content.decode()


def test_a_csv_is_refused_with_what_to_send(world):
    refused = refusal(world, b"code,value\nHT1,1/2\n", name="phieu.csv")
    assert "The form workbook must be an Excel .xlsx file." in str(refused)


def test_past_the_deadline_the_upload_is_refused_and_an_extension_reopens_it(world, officer):
    from datetime import timedelta

    from django.utils import timezone

    from egovrank.periods.actions import do_grant_extension
    from egovrank.periods.models import Period

    content = saved(fill(download(officer, world), HT3_1={"F": "yes"}))
    Period.objects.filter(pk=world.period.pk).update(
        self_assessment_deadline=timezone.now() - timedelta(minutes=1)
    )
    late = upload(officer, world, content)
    assert late.status_code == 409 and "has passed" in late.content.decode()
    do_grant_extension(
        world.participants["sotc"],
        timezone.now() + timedelta(days=2),
        "Mất điện kéo dài",
        actor=world.administrator,
    )
    preview = upload(officer, world, content)
    assert preview.status_code == 200
    url = form_url(world, name="assessments:workbook_confirm")
    assert officer.post(url, {"token": token_of(preview)}).status_code == 302
    assert Answer.objects.get(code="HT3.1").value == "yes"


def test_the_history_page_shows_the_upload(world, officer):
    content = saved(fill(download(officer, world), HT3_1={"F": "yes"}))
    token = token_of(upload(officer, world, content))
    officer.post(form_url(world, name="assessments:workbook_confirm"), {"token": token})
    html = officer.get(form_url(world, name="assessments:history")).content.decode()
    assert "1 answer saved from the workbook phieu.xlsx" in html
    assert "HT3.1: — → Yes" in html  # the answer as people read it


def test_a_ratio_problem_names_the_figure_at_fault(world, officer):
    workbook = fill(download(officer, world), HT1={"G": "nhiều", "H": 50})
    row = row_of(workbook["Form"], "HT1")
    [(where, code, message)] = places(refusal(world, saved(workbook)))
    assert (where, code) == (f"sheet Form, row {row}, column G", "HT1")
    assert message.startswith("The first figure: enter a number")
    workbook = fill(workbook, HT1={"G": 40, "H": None})
    [(where, _code, message)] = places(refusal(world, saved(workbook)))
    assert (where, message) == (f"sheet Form, row {row}, column H", "Enter both figures.")
