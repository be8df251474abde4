"""A signed-in person's notices: their own only, newest first, unread marked; opening
one marks it read and goes to its page; someone else's notice is not there."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from egovrank.notifications.models import Notice
from egovrank.notifications.views import PER_PAGE

from .conftest import client_of, notice_for

pytestmark = pytest.mark.django_db


def list_url():
    return reverse("notifications:list")


def read_url(notice):
    return reverse("notifications:read", kwargs={"pk": notice.pk})


def test_it_lists_the_persons_own_notices_newest_first(world):
    older = notice_for(world.unit_officer, "Thông báo cũ")
    Notice.objects.filter(pk=older.pk).update(created_at=timezone.now() - timedelta(days=1))
    notice_for(world.unit_officer, "Thông báo mới")
    notice_for(world.unit_head, "Thông báo của người khác")
    page = client_of(world.unit_officer).get(list_url()).content.decode()
    assert page.index("Thông báo mới") < page.index("Thông báo cũ")
    assert "Thông báo của người khác" not in page


def test_it_marks_the_unread_ones(world):
    notice_for(world.unit_officer, "Chưa đọc")
    notice_for(world.unit_officer, "Đã đọc", read_at=timezone.now())
    response = client_of(world.unit_officer).get(list_url())
    page = response.content.decode()
    assert page.count("notice-list__item--unread") == 1
    assert [notice.title for notice in response.context["page"] if not notice.read_at] == [
        "Chưa đọc"
    ]
    # The read one links straight to its page; the unread one opens through "read".
    assert '<a href="/assessments/2019/K01-05/">Đã đọc</a>' in page
    assert (
        reverse("notifications:read", kwargs={"pk": Notice.objects.get(title="Chưa đọc").pk})
        in page
    )


def test_it_shows_fifty_a_page(world):
    Notice.objects.bulk_create(
        Notice(recipient=world.unit_officer, kind="test", title=f"Thông báo {n}")
        for n in range(PER_PAGE + 3)
    )
    client = client_of(world.unit_officer)
    first = client.get(list_url())
    assert len(first.context["page"].object_list) == PER_PAGE
    assert "Page 1 of 2" in first.content.decode()
    second = client.get(list_url(), {"page": 2})
    assert len(second.context["page"].object_list) == 3


def test_it_says_when_there_is_nothing(world):
    assert "You have no notices." in client_of(world.outsider).get(list_url()).content.decode()


def test_opening_a_notice_marks_it_read_and_goes_to_its_page(world):
    notice = notice_for(world.unit_officer)
    response = client_of(world.unit_officer).post(read_url(notice))
    assert response.status_code == 302
    assert response["Location"] == "/assessments/2019/K01-05/"
    notice.refresh_from_db()
    assert notice.read_at is not None


def test_opening_it_again_keeps_the_first_time_it_was_read(world):
    first = timezone.now() - timedelta(hours=2)
    notice = notice_for(world.unit_officer, read_at=first)
    client_of(world.unit_officer).post(read_url(notice))
    notice.refresh_from_db()
    assert notice.read_at == first


def test_a_notice_without_a_page_goes_back_to_the_list(world):
    notice = notice_for(world.unit_officer, url="")
    response = client_of(world.unit_officer).post(read_url(notice))
    assert response["Location"] == list_url()


def test_a_link_off_the_site_is_never_followed(world):
    notice = notice_for(world.unit_officer, url="https://evil.example/")
    response = client_of(world.unit_officer).post(read_url(notice))
    assert response["Location"] == list_url()


def test_someone_elses_notice_is_not_there(world):
    notice = notice_for(world.unit_head)
    response = client_of(world.unit_officer).post(read_url(notice))
    assert response.status_code == 404
    notice.refresh_from_db()
    assert notice.read_at is None


def test_reading_takes_only_post(world):
    notice = notice_for(world.unit_officer)
    assert client_of(world.unit_officer).get(read_url(notice)).status_code == 405


def test_mark_all_read_marks_only_the_persons_own(world):
    mine = [notice_for(world.unit_officer), notice_for(world.unit_officer)]
    theirs = notice_for(world.unit_head)
    response = client_of(world.unit_officer).post(reverse("notifications:read_all"), follow=True)
    assert response.redirect_chain == [(list_url(), 302)]
    assert "All your notices are marked read." in response.content.decode()
    assert all(Notice.objects.get(pk=notice.pk).read_at for notice in mine)
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_anonymous_people_are_sent_to_sign_in(client):
    response = client.get(list_url())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign_in"))


def test_the_list_costs_the_same_queries_however_many_notices(world, django_assert_num_queries):
    client = client_of(world.unit_officer)
    notice_for(world.unit_officer)
    client.get(list_url())  # the session is renewed on the first request
    with CaptureQueriesContext(connection) as few:
        client.get(list_url())
    for _ in range(40):
        notice_for(world.unit_officer)
    with django_assert_num_queries(len(few)):
        client.get(list_url())
