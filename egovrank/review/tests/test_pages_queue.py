"""The reviewer's queue: the forms a person reviews, counted by state and filtered;
every form for the province's staff; a fixed number of queries."""

from __future__ import annotations

from django.urls import reverse

from egovrank.assessments.demo import fill_demo_form, plausible_answers
from egovrank.assessments.queries import criteria_set_for
from egovrank.assessments.tests.conftest import client_of
from egovrank.review.actions import do_approve
from egovrank.testing.world import make_period

QUEUE = reverse("review:queue")


def submit(participant, seed=1):
    answers = plausible_answers(criteria_set_for(participant), seed=seed)
    fill_demo_form(participant, answers, submit=True)


def table(html):
    start = html.index("<tbody>")
    return html[start : html.index("</tbody>", start)]


def test_a_district_reviewer_sees_its_communes_only(world):
    submit(world.participants["lacdao"])
    submit(world.participants["xuanquan"])
    html = client_of(world.district_reviewer).get(QUEUE).content.decode()
    rows = table(html)
    assert "Xã Lạc Đạo" in rows and "Xã Chỉ Đạo" in rows
    assert "Xã Xuân Quan" not in rows and "Sở Tài chính" not in rows
    detail = reverse("review:detail", kwargs={"year": 2019, "unit": "11989"})
    assert f'href="{detail}"' in rows
    # Its district's forwarding page, and no other.
    assert reverse("review:district", kwargs={"year": 2019, "district": "325"}) in html
    assert reverse("review:district", kwargs={"year": 2019, "district": "326"}) not in html
    assert "Every unit" not in html


def test_the_provincial_reviewer_sees_what_it_reviews_and_may_ask_for_all(world):
    submit(world.participants["sotc"])
    reviewer = client_of(world.provincial_reviewer)
    rows = table(reviewer.get(QUEUE).content.decode())
    assert "Sở Tài chính" in rows and "UBND huyện Văn Lâm" in rows
    assert "Xã Lạc Đạo" not in rows
    rows = table(reviewer.get(QUEUE, {"scope": "all"}).content.decode())
    assert "Xã Lạc Đạo" in rows and "Xã Xuân Quan" in rows


def test_the_administrator_sees_every_form(world):
    rows = table(client_of(world.administrator).get(QUEUE).content.decode())
    for name in ("Sở Tài chính", "UBND huyện Văn Giang", "Xã Xuân Quan"):
        assert name in rows


def test_it_counts_the_forms_by_state_and_lists_what_waits_first(world):
    submit(world.participants["sotc"])
    submit(world.participants["soxd"], seed=2)
    do_approve(world.participants["soxd"], actor=world.provincial_reviewer)
    html = client_of(world.provincial_reviewer).get(QUEUE).content.decode()
    counts = html[html.index('class="queue-counts"') :]
    counts = counts[: counts.index("</ul>")]
    assert '<span class="queue-counts__number">1</span> Submitted' in counts
    assert '<span class="queue-counts__number">1</span> Approved' in counts
    assert '<span class="queue-counts__number">3</span> Not started' in counts
    rows = table(html)
    assert rows.index("Sở Tài chính") < rows.index("UBND huyện") < rows.index("Sở Xây dựng")


def test_it_filters_by_state_block_and_district(world):
    submit(world.participants["sotc"])
    reviewer = client_of(world.provincial_reviewer)
    rows = table(reviewer.get(QUEUE, {"state": "submitted"}).content.decode())
    assert "Sở Tài chính" in rows and "Sở Xây dựng" not in rows
    rows = table(reviewer.get(QUEUE, {"block": "KHOI02"}).content.decode())
    assert "UBND huyện Văn Lâm" in rows and "Sở Tài chính" not in rows
    admin = client_of(world.administrator)
    rows = table(admin.get(QUEUE, {"district": "326"}).content.decode())
    assert "Xã Xuân Quan" in rows and "Xã Lạc Đạo" not in rows
    html = admin.get(QUEUE, {"state": "returned"}).content.decode()
    assert "No form matches." in html


def test_it_shows_the_current_period_unless_asked_for_another(world):
    make_period(world, year=2020, state="draft")
    html = client_of(world.provincial_reviewer).get(QUEUE).content.decode()
    assert "<h1>Review · 2019</h1>" in html
    html = client_of(world.provincial_reviewer).get(QUEUE, {"year": 2020}).content.decode()
    assert "<h1>Review · 2020</h1>" in html


def test_it_shows_self_and_verified_points_of_the_submitted_forms(world):
    submit(world.participants["sotc"])
    rows = table(client_of(world.provincial_reviewer).get(QUEUE).content.decode())
    sotc = rows[rows.index("Sở Tài chính") : rows.index("</tr>", rows.index("Sở Tài chính"))]
    assert "/500 (" in sotc and "%)" in sotc


def test_the_queue_does_not_grow_with_the_forms(world, django_assert_max_num_queries):
    client = client_of(world.administrator)
    submit(world.participants["sotc"])
    with django_assert_max_num_queries(30) as first:
        assert client.get(QUEUE).status_code == 200
    for seed, key in enumerate(("soxd", "vanlam", "lacdao", "chidao", "xuanquan"), start=2):
        submit(world.participants[key], seed=seed)
    do_approve(world.participants["soxd"], actor=world.provincial_reviewer)
    with django_assert_max_num_queries(len(first.captured_queries)):
        assert client.get(QUEUE).status_code == 200


def test_the_menu_shows_review_to_reviewers_only(world):
    assert (
        'href="/review/"' in client_of(world.district_reviewer).get("/workspace/").content.decode()
    )
    assert (
        'href="/review/"' not in client_of(world.unit_officer).get("/workspace/").content.decode()
    )
