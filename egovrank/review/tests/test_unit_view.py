"""What the unit sees of its review on its own form: the comments of a return at once,
the verified points and the reasons only once the review is approved (the embargo of
docs/domain.md, the yearly cycle)."""

from datetime import timedelta

from django.utils import timezone

from egovrank.assessments.actions import do_submit
from egovrank.assessments.tests.conftest import client_of, form_url
from egovrank.assessments.tests.helpers import fill_in
from egovrank.review.actions import do_adjust, do_approve, do_comment, do_return
from egovrank.testing import DECLARED


def _submitted(world):
    participant = world.participants["sotc"]
    fill_in(participant, actor=world.unit_officer)
    do_submit(participant, actor=world.unit_head, declaration=DECLARED)
    return participant


def _adjust(world, participant):
    do_adjust(
        participant,
        "NL1",
        value="no",
        reason="Không có quyết định ban hành kế hoạch.",
        revision=0,
        actor=world.provincial_reviewer,
    )


def test_the_unit_sees_the_comments_of_a_return_but_not_the_verdicts(world):
    participant = _submitted(world)
    _adjust(world, participant)
    do_comment(participant, "HT1", "Bổ sung danh sách máy tính.", actor=world.provincial_reviewer)
    do_return(
        participant,
        message="Đề nghị bổ sung minh chứng.",
        deadline=timezone.now() + timedelta(days=5),
        actor=world.provincial_reviewer,
    )
    officer = client_of(world.unit_officer)
    html = officer.get(form_url(world)).content.decode()
    assert "Returned for revision" in html
    assert "Đề nghị bổ sung minh chứng." in html
    assert "Bổ sung danh sách máy tính." in html
    assert "Không có quyết định ban hành kế hoạch." not in html
    history = officer.get(form_url(world, name="assessments:history")).content.decode()
    assert "Không có quyết định" not in history
    assert "Returned for revision until" in history


def test_after_approval_the_unit_sees_the_verified_points_and_the_reasons(world):
    participant = _submitted(world)
    _adjust(world, participant)
    do_approve(participant, actor=world.provincial_reviewer)
    officer = client_of(world.unit_officer)
    html = officer.get(form_url(world)).content.decode()
    assert "Result of the review" in html
    assert "Adjusted by the reviewer" in html
    assert "Không có quyết định ban hành kế hoạch." in html
    history = officer.get(form_url(world, name="assessments:history")).content.decode()
    assert "Không có quyết định ban hành kế hoạch." in history


def test_the_reviewer_reads_the_verdicts_in_the_history_at_once(world):
    participant = _submitted(world)
    _adjust(world, participant)
    reviewer = client_of(world.provincial_reviewer)
    history = reviewer.get(form_url(world, name="assessments:history")).content.decode()
    assert "Không có quyết định ban hành kế hoạch." in history
