"""The unit's and the period's histories in Vietnamese: their events said at display
time (core/history.py), the period's states by their labels."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from egovrank.orgs.actions import do_import_units
from egovrank.periods.actions import do_change_state
from egovrank.periods.choices import PeriodState
from egovrank.periods.models import Period
from egovrank.testing.language import language_problems, visible_text


def vietnamese_page(person, url):
    client = Client()  # the default language, Vietnamese
    client.force_login(person)
    response = client.get(url)
    assert response.status_code == 200
    names = frozenset(p.get_full_name() for p in [person])
    assert language_problems(response, data=names) == []
    return visible_text(response.content.decode()).texts


@pytest.mark.django_db
def test_the_unit_page_says_its_import_in_vietnamese(world):
    content = "code,name,block\nK01-05,Sở Tài chính tỉnh,KHOI01\nK01-99,Sở Mới,KHOI01\n".encode()
    do_import_units("hungyen-units-2019.csv", content, actor=world.administrator)
    changed = vietnamese_page(world.administrator, reverse("orgs:detail", args=["K01-05"]))
    assert "Thay đổi tên khi nhập tệp hungyen-units-2019.csv" in changed
    created = vietnamese_page(world.administrator, reverse("orgs:detail", args=["K01-99"]))
    assert "Tạo khi nhập tệp hungyen-units-2019.csv" in created


@pytest.mark.django_db
def test_the_period_page_names_states_by_their_labels(world):
    # Past the deadline, so that closing cuts nobody off (that would need a reason).
    Period.objects.filter(pk=world.period.pk).update(
        self_assessment_deadline=timezone.now() - timedelta(minutes=1)
    )
    do_change_state(world.period, PeriodState.REVIEW, actor=world.administrator)
    do_change_state(
        world.period, PeriodState.SELF_ASSESSMENT, actor=world.administrator, reason="Gia hạn"
    )
    url = reverse("periods:detail", args=[world.period.year])
    texts = vietnamese_page(world.administrator, url)
    assert "Trạng thái: Đang tự đánh giá → Đang thẩm định" in texts
    assert "Trạng thái: Đang thẩm định → Đang tự đánh giá (Gia hạn)" in texts


@pytest.mark.django_db
def test_the_persons_page_says_roles_by_their_labels(world):
    from egovrank.accounts.actions import do_grant_role
    from egovrank.core.roles import Role

    officer = world.unit_officer
    do_grant_role(officer, Role.UNIT_HEAD, world.units["sotc"], actor=world.administrator)
    url = reverse("people:detail", args=[officer.pk])
    client = Client()
    client.force_login(world.administrator)
    response = client.get(url)
    names = frozenset(p.get_full_name() for p in world.people.values())
    assert language_problems(response, data=names) == []
    texts = visible_text(response.content.decode()).texts
    assert "Cấp vai trò: Lãnh đạo đơn vị của K01-05" in texts


@pytest.mark.django_db
def test_the_period_page_says_its_units_events_in_vietnamese(world):
    """Extensions, ranking and reminders are read from their data, in the page's language
    (the stored summaries are English)."""
    from egovrank.assessments.remind_now import do_remind_now
    from egovrank.periods.actions import do_grant_extension, do_set_ranked

    sotc = world.participants["sotc"]
    until = timezone.now() + timedelta(days=30)
    do_grant_extension(sotc, until, "Mất điện kéo dài", actor=world.administrator)
    do_set_ranked(sotc, False, "Không có thủ tục hành chính", actor=world.administrator)
    sent = do_remind_now([sotc], actor=world.administrator)
    assert sent.sent  # its officer and head are told
    url = reverse("periods:detail", args=[world.period.year])
    texts = " ".join(vietnamese_page(world.administrator, url))
    when = timezone.localtime(until).strftime("%d/%m/%Y %H:%M")
    assert f"Sở Tài chính: gia hạn đến {when} (Mất điện kéo dài)" in texts
    assert "Sở Tài chính: được đánh giá, không xếp hạng (Không có thủ tục hành chính)" in texts
    assert "Sở Tài chính: đã gửi nhắc hạn đến" in texts
