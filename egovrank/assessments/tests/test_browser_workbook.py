"""The offline form in a real browser: the officer downloads the form as a workbook,
fills it in (openpyxl, as Excel would), uploads it, reads the preview of what changes
and confirms; the answers and points are on the form and in its history. Pages checked
with axe-core, in Vietnamese."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from egovrank.assessments.models import Answer
from egovrank.demo.hungyen import DEMO_PASSWORD
from egovrank.testing.world import sign_in_browser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_officer_uploads_a_filled_in_workbook(
    live_server, page, screenshots, world, vi, tmp_path
):
    world.unit_officer.set_password(DEMO_PASSWORD)
    world.unit_officer.save()
    sign_in_browser(page, live_server.url, "unit_officer")
    form = f"{live_server.url}/assessments/{world.period.year}/K01-05/"
    page.goto(form)

    with page.expect_download() as started:
        page.get_by_role("link", name=vi("Download as Excel workbook")).click()
    workbook = load_workbook(io.BytesIO(started.value.path().read_bytes()))
    sheet = workbook[vi("Form")]
    rows = {row[0].value: row[0].row for row in sheet.iter_rows(min_row=2)}
    sheet[f"G{rows['HT1']}"] = 45
    sheet[f"H{rows['HT1']}"] = 50
    sheet[f"F{rows['HT3.1']}"] = "có"
    filled = tmp_path / "phieu.xlsx"
    workbook.save(filled)
    sheet[f"H{rows['HT1']}"] = 0
    wrong = tmp_path / "phieu-sai.xlsx"
    workbook.save(wrong)

    page.get_by_role("link", name=vi("Upload a filled-in workbook")).click()
    screenshots.take("upload")
    # A wrong value first: named by sheet, row, column and code; nothing saved.
    page.get_by_label(vi("Filled-in workbook (.xlsx)")).set_input_files(str(wrong))
    page.get_by_role("button", name=vi("Check and preview")).click()
    refused = page.locator("#workbook-refused")
    where = vi(
        "sheet %(sheet)s, row %(row)d, column %(column)s",
        sheet=vi("Form"),
        row=rows["HT1"],
        column="H",
    )
    refused.get_by_text(where).wait_for()
    assert vi("The second figure must not be 0.") in refused.inner_text()
    screenshots.take("refused")
    page.get_by_label(vi("Filled-in workbook (.xlsx)")).set_input_files(str(filled))
    page.get_by_role("button", name=vi("Check and preview")).click()
    preview = page.locator("#workbook-preview")
    preview.get_by_text("45/50").wait_for()
    assert "HT3.1" in preview.inner_text() and vi("Yes") in preview.inner_text()
    screenshots.take("preview")
    assert not Answer.objects.exists()  # nothing saved before confirming

    preview.locator("button[type=submit]").click()
    page.wait_for_url(form)
    assert page.locator("#num-HT1").input_value() == "45"
    assert "9/10" in page.locator("#r-HT1").inner_text()
    assert page.locator("#c-HT3_1 input[value=yes]").is_checked()  # "có" read as yes
    screenshots.take("saved")
    assert dict(Answer.objects.values_list("code", "value")) == {"HT1": "45/50", "HT3.1": "yes"}
