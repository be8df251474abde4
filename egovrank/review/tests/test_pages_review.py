"""The review page: the unit's answers and evidence beside the verdicts, the totals
side by side, and what changed since the last submission or since the verdict."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from egovrank.assessments.actions import AnswerInput, do_save_answer, do_submit
from egovrank.assessments.demo import fill_demo_form, plausible_answers
from egovrank.assessments.models import Answer
from egovrank.assessments.queries import criteria_set_for
from egovrank.assessments.tests.conftest import client_of
from egovrank.review.actions import do_accept, do_adjust, do_comment, do_return
from egovrank.review.queries import compare
from egovrank.scoring.numbers import format_number
from egovrank.testing import DECLARED


def submit(participant, **overrides):
    answers = plausible_answers(criteria_set_for(participant), seed=1)
    for code, value in overrides.items():
        answers[code] = replace(answers[code], value=value)
    fill_demo_form(participant, answers, submit=True)


def page_of(world, key="sotc"):
    participant = world.participants[key]
    return reverse(
        "review:detail", kwargs={"year": world.period.year, "unit": participant.unit_code}
    )


def test_it_shows_self_and_verified_totals_side_by_side(world):
    sotc = world.participants["sotc"]
    submit(sotc, **{"HT3.1": "yes"})
    do_adjust(
        sotc,
        "HT3.1",
        value="no",
        reason="Không có quyết định",
        revision=0,
        actor=world.provincial_reviewer,
    )
    comparison = compare(sotc, criteria_set_for(sotc), "en")
    html = client_of(world.provincial_reviewer).get(page_of(world)).content.decode()
    totals = html[html.index('id="review-totals"') :]
    totals = totals[: totals.index("</div>")]
    own = format_number(comparison.own.points, "en")
    verified = format_number(comparison.verified.points, "en")
    assert own != verified
    assert f"{own}/500" in totals and f"<strong>{verified}</strong>/500" in totals
    assert comparison.own.percent_text in totals and comparison.verified.percent_text in totals
    assert "Verdict given on 1 of 64 criteria" in totals


def test_each_criterion_shows_the_answer_the_points_and_the_verdict(world):
    sotc = world.participants["sotc"]
    submit(sotc, **{"HT1": "138/150", "HT3.1": "yes"})
    do_adjust(
        sotc,
        "HT3.1",
        value="no",
        reason="Không có quyết định",
        revision=0,
        actor=world.provincial_reviewer,
    )
    html = client_of(world.provincial_reviewer).get(page_of(world)).content.decode()
    ht1 = html[html.index('id="criterion-HT1"') : html.index('id="criterion-HT2"')]
    assert "138" in ht1 and "150" in ht1
    assert "Self-assessed:" in ht1 and "9.2/10" in ht1
    # Required evidence explained instead of attached: flagged for the reviewer.
    assert "Required evidence not attached; the unit explains why" in ht1
    assert "No verdict yet." in ht1
    ht31 = html[html.index('id="criterion-HT3_1"') : html.index('id="criterion-HT3_2"')]
    assert "Adjusted by Provincial Reviewer" in ht31
    assert "Không có quyết định" in ht31
    assert "0/5" in ht31  # verified points
    # Group totals: self against verified.
    group = html[html.index('id="total-HT3"') :]
    assert "self" in group[:400] and "verified" in group[:400]


def test_evidence_files_open_in_a_new_tab(world):
    from django.core.files.base import ContentFile

    from egovrank.assessments.models import Assessment, EvidenceFile

    sotc = world.participants["sotc"]
    submit(sotc)
    evidence = EvidenceFile(
        assessment=Assessment.objects.get(participant=sotc),
        code="HT1",
        original_name="danh-sach-may-tinh.pdf",
        content_type="application/pdf",
        size=9,
        sha256="0" * 64,
        uploaded_by=world.unit_officer,
    )
    evidence.file.save("x.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    html = client_of(world.provincial_reviewer).get(page_of(world)).content.decode()
    url = reverse(
        "assessments:download",
        kwargs={"year": world.period.year, "unit": sotc.unit_code, "pk": evidence.pk},
    )
    assert f'href="{url}" target="_blank"' in html
    assert "danh-sach-may-tinh.pdf" in html


def test_it_marks_what_changed_since_the_last_submission(world):
    sotc = world.participants["sotc"]
    submit(sotc, **{"HT3.1": "yes"})
    reviewer = world.provincial_reviewer
    do_comment(sotc, "HT3.1", "Xin bản quyết định", actor=reviewer)
    do_return(sotc, message="", deadline=timezone.now() + timedelta(days=3), actor=reviewer)
    answer = Answer.objects.get(assessment__participant=sotc, code="HT3.1")
    do_save_answer(
        sotc, "HT3.1", AnswerInput(value="no"), revision=answer.revision, actor=world.unit_officer
    )
    do_submit(sotc, actor=world.unit_head, declaration=DECLARED)
    html = client_of(reviewer).get(page_of(world)).content.decode()
    block = html[html.index('id="criterion-HT3_1"') : html.index('id="criterion-HT3_2"')]
    assert "changed since the last submission" in block
    assert "<del>Yes</del> → <ins>No</ins>" in block
    assert "Sent with return 1:" in block and "Xin bản quyết định" in block
    other = html[html.index('id="criterion-HT3_2"') : html.index('id="criterion-HT5_1"')]
    assert "changed since the last submission" not in other


def test_it_marks_an_answer_changed_since_the_verdict(world):
    sotc = world.participants["sotc"]
    submit(sotc, **{"HT3.1": "yes"})
    reviewer = world.provincial_reviewer
    do_accept(sotc, "HT3.1", revision=0, actor=reviewer)
    do_return(
        sotc, message="Xem lại HT3.1", deadline=timezone.now() + timedelta(days=3), actor=reviewer
    )
    answer = Answer.objects.get(assessment__participant=sotc, code="HT3.1")
    do_save_answer(
        sotc, "HT3.1", AnswerInput(value="no"), revision=answer.revision, actor=world.unit_officer
    )
    do_submit(sotc, actor=world.unit_head, declaration=DECLARED)
    html = client_of(reviewer).get(page_of(world)).content.decode()
    block = html[html.index('id="criterion-HT3_1"') : html.index('id="criterion-HT3_2"')]
    assert "changed since your verdict" in block
    assert "it was Yes, it is now No" in block


def test_a_form_not_submitted_shows_why_it_cannot_be_reviewed(world):
    html = client_of(world.provincial_reviewer).get(page_of(world)).content.decode()
    assert 'id="review-lock"' in html
    assert "The unit has not submitted its form." in html
    assert "review:accept" not in html and "/accept/" not in html


def test_a_reader_who_is_not_the_reviewer_gets_no_controls(world):
    submit(world.participants["sotc"])
    html = client_of(world.administrator).get(page_of(world)).content.decode()
    assert 'id="review-read-only"' in html
    assert "/accept/" not in html and "Approve the review" not in html
    html = client_of(world.provincial_reviewer).get(page_of(world)).content.decode()
    assert "/accept/" in html and "Approve the review" in html


def test_the_page_does_not_grow_with_the_verdicts(world, django_assert_max_num_queries):
    sotc = world.participants["sotc"]
    submit(sotc)
    client = client_of(world.provincial_reviewer)
    with django_assert_max_num_queries(40) as few:
        client.get(page_of(world))
    for code in ("HT1", "HT2", "UD1", "UD2"):
        do_accept(sotc, code, revision=0, actor=world.provincial_reviewer)
        do_comment(sotc, code, "Bổ sung", actor=world.provincial_reviewer)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(page_of(world)).status_code == 200
