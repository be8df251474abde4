"""The self-assessment journey in a real browser, on the demo.

The officer of Sở Tài chính fills in part of the form and sees the points move as she
types, reloads and finds everything kept, attaches a file; the head tries to submit an
incomplete form and gets the list of what is missing, then submits the finished form;
the head of Lạc Đạo clicks submit after the deadline and is refused with the deadline.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from egovrank.assessments.actions import AnswerInput, do_save_answer
from egovrank.assessments.choices import AssessmentState
from egovrank.assessments.figures import do_import_figures
from egovrank.assessments.models import Answer, Assessment, EvidenceFile
from egovrank.assessments.queries import criteria_set_for, entries_of, sheet_for
from egovrank.assessments.tests.conftest import PDF_BYTES
from egovrank.demo.hungyen import load_demo, load_demo_period
from egovrank.periods.models import Participant, Period
from egovrank.testing.world import sign_in_browser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FORM = "/assessments/2019/K01-05/"


@pytest.fixture
def demo(transactional_db):
    load_demo()
    load_demo_period()


def sign_out(page):
    page.locator(".account button[type=submit]").click()


def finish_the_form(participant, actor):
    """What the officer would type for every criterion still missing, through the same
    action the form calls (the browser part of the journey already covered typing); the
    figures that come from a system, which the form refuses, through the figures import
    as the province loads them."""
    assessment = Assessment.objects.get(participant=participant)
    entries = entries_of(assessment)
    sheet = sheet_for(participant, criteria_set_for(participant), entries, "vi")
    missing = [*sheet.missing_answers, *sheet.missing_evidence]
    from_systems = {line.code: line for line in missing if not line.node.entered_by_unit}
    if from_systems:
        rows = [
            f"{participant.unit_code},{code},{_an_answer(line)}"
            for code, line in from_systems.items()
        ]
        do_import_figures(
            participant.period,
            "figures.csv",
            "\n".join(["unit_code,criterion,value", *rows]).encode(),
            source="Cổng Dịch vụ công quốc gia",
            actor=actor,
        )
    for line in missing:
        if not line.node.entered_by_unit:
            continue
        answer = Answer.objects.filter(assessment=assessment, code=line.code).first()
        value = answer.value if answer and answer.value else _an_answer(line)
        do_save_answer(
            participant,
            line.code,
            AnswerInput(value=value, evidence_explanation="Bản gốc lưu tại văn phòng Sở."),
            revision=answer.revision if answer else 0,
            actor=actor,
        )


def _an_answer(line):
    return {"yes_no": "yes", "ratio": "8/10", "number": "2", "text": "Có"}.get(
        line.input, line.node.rule.options[0].code if line.input == "option" else "1"
    )


def test_the_officer_fills_in_and_the_head_submits(
    live_server, page, screenshots, demo, tmp_path, vi
):
    sotc = Participant.objects.get(unit_code="K01-05")
    Answer.objects.filter(assessment__participant=sotc, code__in=["HT1", "HT3.1"]).delete()
    sign_in_browser(page, live_server.url, "canbo.sotc")
    page.goto(live_server.url + FORM)
    summary = page.locator("#summary")
    total_before = summary.locator(".summary__total strong").inner_text()

    saves = []
    page.on("request", lambda r: saves.append(r.url) if r.method == "POST" else None)
    # A ratio: the points appear as she types, with the rule's explanation.
    page.locator("#num-HT1").fill("45")
    page.locator("#den-HT1").fill("50")
    result = page.locator("#r-HT1")
    result.locator("strong").get_by_text("9/10").wait_for()
    assert "45/50" in result.inner_text()
    # The status line tells the last save that came back: wait for HT1's before the
    # next change, so that its answer cannot arrive after HT3.1's and be the one shown.
    page.locator("#save-status").get_by_text("HT1 ").wait_for()
    # A yes/no: chosen with one click; the totals follow.
    page.locator("#c-HT3_1 input[value=yes]").check()
    page.locator("#r-HT3_1 strong").get_by_text("5/5").wait_for()
    # (A locator's wait, not a JavaScript expression: the page's policy refuses eval.)
    expect(summary.locator(".summary__total strong")).not_to_have_text(total_before)
    page.locator("#save-status").get_by_text("HT3.1").wait_for()
    # HT1 was sent when the numerator was left, then typed in full; leaving the
    # denominator fired "change" with that same answer, which is not sent again.
    assert sum(url.endswith("/HT1/save/") for url in saves) == 2, saves
    screenshots.take("officer-typing")

    # Reloading shows everything as it was.
    page.reload()
    assert page.locator("#num-HT1").input_value() == "45"
    assert page.locator("#den-HT1").input_value() == "50"
    assert page.locator("#c-HT3_1 input[value=yes]").is_checked()
    assert "9/10" in page.locator("#r-HT1").inner_text()

    # A file for HT1, checked by its content on the server.
    evidence = tmp_path / "Danh sách máy tính.pdf"
    evidence.write_bytes(PDF_BYTES)
    page.locator("#e-HT1 summary").click()
    page.locator("#file-HT1").set_input_files(str(evidence))
    page.locator("#e-HT1 form[enctype] button").click()
    page.locator("#e-HT1").get_by_role("link", name="Danh sách máy tính.pdf").wait_for()
    # The status says the file is saved; "Saving…" does not stay on.
    assert "HT1" in page.locator("#save-status").inner_text()
    assert vi("Saving…") not in page.locator("#save-status").inner_text()
    assert EvidenceFile.objects.filter(assessment__participant=sotc, code="HT1").exists()
    screenshots.take("officer-attached-a-file")
    sign_out(page)

    # The head tries to submit too early: the list of what is missing.
    sign_in_browser(page, live_server.url, "lanhdao.sotc")
    page.goto(live_server.url + FORM)
    page.locator("a[href$='/submit/']").click()
    page.wait_for_url("**" + FORM + "submit/")
    assert page.locator("#submit-missing li").count() > 0
    page.locator("#id_declaration").check()
    page.locator("form[action$='/submit/'] button").click()
    problems = page.locator("#submit-problems")
    problems.wait_for()
    missing = problems.locator("li").all_inner_texts()
    assert missing and all(" " in item for item in missing)
    assert Assessment.objects.get(participant=sotc).state == AssessmentState.DRAFT
    screenshots.take("head-submission-refused")

    # The officer finishes; the head submits; the form becomes read-only and says why.
    finish_the_form(sotc, actor=sotc.unit.pk and None)
    page.goto(live_server.url + FORM + "submit/")
    # Not without the declaration, ticked and stored with the submission.
    page.locator("form[action$='/submit/'] button").click()
    page.locator("#declaration-error").wait_for()
    assert Assessment.objects.get(participant=sotc).state == AssessmentState.DRAFT
    assert page.locator("#submit-ready").is_visible()
    screenshots.take("head-confirms-the-submission")
    page.locator("#id_declaration").check()
    page.locator("form[action$='/submit/'] button").click()
    page.wait_for_url("**" + FORM)
    assert Assessment.objects.get(participant=sotc).state == AssessmentState.SUBMITTED
    assert page.locator("#lock-reason").is_visible()
    assert page.locator("#c-HT1 fieldset[disabled]").count() == 1
    screenshots.take("head-submitted")

    # Everything above is in the form's history: who, when, before and after.
    page.get_by_role("link", name=vi("History of changes")).click()
    page.wait_for_url("**" + FORM + "history/")
    assert "Danh sách máy tính.pdf" in page.locator("main").inner_text()
    screenshots.take("history")


def test_a_late_submission_is_refused_with_the_deadline(live_server, page, screenshots, demo):
    lacdao = Participant.objects.get(unit_code="11989")
    finish_the_form(lacdao, actor=None)
    sign_in_browser(page, live_server.url, "lanhdao.lacdao")
    page.goto(live_server.url + "/assessments/2019/11989/submit/")
    # The deadline passes while the page is open.
    deadline = timezone.now() - timedelta(minutes=5)
    Period.objects.filter(year=2019).update(self_assessment_deadline=deadline)
    page.locator("#id_declaration").check()
    page.locator("form[action$='/submit/'] button").click()
    shown = timezone.localtime(deadline).strftime("%d/%m/%Y")
    page.get_by_text(shown).first.wait_for()
    assert Assessment.objects.get(participant=lacdao).state == AssessmentState.DRAFT
    screenshots.take("late-submission-refused")
    page.goto(live_server.url + "/assessments/2019/11989/")
    assert shown in page.locator("#lock-reason").inner_text()
    assert page.locator("a[href$='/submit/']").count() == 0
