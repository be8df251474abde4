"""The form's history in Vietnamese: every event said by its describer at display time
(core/history.py), states by their labels, answers as people read them, numbers with a
decimal comma; the stored events keep codes and numbers only."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from egovrank.assessments.actions import do_submit, do_withdraw
from egovrank.assessments.tests.helpers import save
from egovrank.core.models import AuditEvent
from egovrank.review.actions import do_approve
from egovrank.testing import DECLARED
from egovrank.testing.language import language_problems, visible_text

from .review_helpers import adjust, fill


@pytest.fixture
def history(world):
    """Sở Tài chính's form: sample answers, an answer changed, submitted, withdrawn,
    submitted again, one answer adjusted by the reviewer and approved."""
    participant = world.participants["sotc"]
    fill(participant)
    save(participant, "HT3.1", "no", actor=world.unit_officer)
    save(participant, "HT3.1", "yes", actor=world.unit_officer)
    do_submit(participant, actor=world.unit_head, declaration=DECLARED)
    do_withdraw(participant, actor=world.unit_head)
    do_submit(participant, actor=world.unit_head, declaration=DECLARED)
    adjust(participant, "HT3.1", "no", actor=world.provincial_reviewer, reason="Chưa có hồ sơ")
    do_approve(participant, actor=world.provincial_reviewer)
    return vietnamese_get(world.unit_head, "assessments:history", world, participant)


def vietnamese_get(person, name, world, participant):
    client = Client()  # the default language, Vietnamese
    client.force_login(person)
    kwargs = {"year": world.period.year, "unit": participant.unit_code}
    return client.get(reverse(name, kwargs=kwargs))


def test_the_history_page_is_vietnamese_throughout(history):
    assert history.status_code == 200
    assert language_problems(history) == []


def test_each_event_is_said_in_vietnamese(history):
    texts = visible_text(history.content.decode()).texts
    assert "Đã rút lại phiếu đã nộp" in texts
    assert "Đã nộp phiếu (lần nộp thứ 1)" in texts
    assert any(re.fullmatch(r"Đã nạp \d+ câu trả lời mẫu", text) for text in texts)
    assert "HT3.1: Không → Có" in texts
    assert "HT3.1: Có → Không (Chưa có hồ sơ)" in texts
    # The before and after columns name the states by their labels.
    assert "Đã nộp" in texts and "Đang soạn" in texts


def test_the_approval_writes_points_and_share_with_a_decimal_comma(history):
    texts = visible_text(history.content.decode()).texts
    approved = [text for text in texts if text.startswith("Đã phê duyệt")]
    assert len(approved) == 1
    assert re.fullmatch(
        r"Đã phê duyệt: [\d.]+(,\d+)?/[\d.]+ điểm \(\d+(,\d+)?%, \S.*\)", approved[0]
    )


def test_the_stored_events_stay_language_neutral(history):
    withdrawn = AuditEvent.objects.get(action="assessment.withdrawn")
    assert withdrawn.data == {"before": "submitted", "after": "draft"}
    approved = AuditEvent.objects.get(action="assessment.approved")
    # Numbers as the core gives them (a point, no grouping), whatever the language.
    assert re.fullmatch(r"\d+(\.\d+)?", approved.data["verified_points"])
    assert re.fullmatch(r"\d+(\.\d+)?", approved.data["percent"])


@pytest.mark.parametrize(
    ("persona", "name"),
    [
        ("unit_head", "assessments:form"),
        ("provincial_reviewer", "review:detail"),
        ("provincial_reviewer", "review:queue"),
    ],
)
def test_the_approved_forms_pages_are_vietnamese_throughout(world, history, persona, name):
    """The form and its review, answered, adjusted and approved (the permission matrix's
    world has no answers)."""
    participant = world.participants["sotc"]
    if name == "review:queue":
        client = Client()
        client.force_login(world.people[persona])
        response = client.get(reverse(name))
    else:
        response = vietnamese_get(world.people[persona], name, world, participant)
    assert response.status_code == 200
    names = frozenset(person.get_full_name() for person in world.people.values())
    assert language_problems(response, data=names) == []
