"""The review journeys of the yearly cycle in a real browser, in Vietnamese, as the
people do them with the demo accounts:

1. the provincial reviewer adjusts two criteria of Sở Tài chính with reasons, sees the
   verified points move beside the self points, and approves the form;
2. he returns Sở Xây dựng's form with a comment and a message; its officer reads them
   and changes the answer, its head resubmits, and the reviewer sees what changed;
3. Văn Lâm's reviewer approves its two communes, forwards them with their ranking within
   the district, and can then no longer act on a commune;
4. the administrator moves the period to review, finalises and publishes the results
   under a decision; the publication shows the ranking;
5. Sở Tài chính sees its verified points and the reasons once approved, not before.

Every step clicks and types in the pages. Only the forms the units filled in before the
review are loaded through Python. Labels are looked up in the Vietnamese catalogue, so
the test follows the translations as they change. Screenshots are saved as
var/screenshots/review-NN-*.png for the guides, each checked with axe.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.utils import translation

from egovrank.accounts.actions import do_grant_role
from egovrank.accounts.models import User
from egovrank.assessments.actions import AnswerInput
from egovrank.assessments.choices import AssessmentState
from egovrank.assessments.demo import fill_demo_form, plausible_answers
from egovrank.assessments.models import Assessment
from egovrank.assessments.queries import criteria_set_for
from egovrank.core.roles import Role
from egovrank.demo.hungyen import DEMO_ACCOUNTS, DEMO_PASSWORD, DemoAccount
from egovrank.orgs.models import Unit
from egovrank.periods.choices import PeriodState
from egovrank.periods.models import Period
from egovrank.periods.slots import still_has_time
from egovrank.results.models import Publication
from egovrank.testing.world import sign_in_browser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

YEAR = 2019
SOTC, SOXD = "K01-05", "K01-09"
# Sở Xây dựng has no demo account: its officer and head are made like the demo's.
SOXD_ACCOUNTS = [
    DemoAccount("canbo.soxd", "Cán bộ Sở Xây dựng", SOXD, Role.UNIT_OFFICER, SOXD),
    DemoAccount("lanhdao.soxd", "Lãnh đạo Sở Xây dựng", SOXD, Role.UNIT_HEAD, SOXD),
]
# Sở Tài chính's infrastructure group, answered in full: 50/50 points.
SOTC_HT = {
    "HT1": "150/150",
    "HT2": "40/40",
    "HT3.1": "yes",
    "HT3.2": "yes",
    "HT4": "40/40",
    "HT5.1": "yes",
    "HT5.2": "yes",
    "HT5.3": "yes",
}
REASON_LAN = "Biên bản kiểm tra cho thấy chưa có mạng LAN kết nối các phòng."
REASON_PCS = "Danh sách kèm theo chỉ có 75 CBCCVC được trang bị máy tính."
COMMENT = "Báo cáo ATTT năm 2019 của Sở ghi có sao lưu hằng tuần: đề nghị kiểm tra lại."
MESSAGE = "Đề nghị Sở rà soát lại tiêu chí HT5.2 và nộp lại."


# --- the pages' words, in Vietnamese ----------------------------------------------------------


def vi(message: str, **values: object) -> str:
    """``message`` as the pages show it in Vietnamese: translated by the catalogue, its
    placeholders filled, its markup (visually hidden spans) dropped, as in an accessible
    name."""
    with translation.override("vi"):
        text = translation.gettext(message)
    if values:
        text = text % values
    return re.sub(r"<[^>]+>", "", text)


def vi_before(message: str, placeholder: str) -> str:
    """The words of ``message`` up to ``placeholder`` (a moment the test cannot know)."""
    return vi(message).split(f"%({placeholder})s")[0].strip()


def points(text: str) -> Decimal:
    """ "47,5/50" (or "47,5") as a number."""
    return Decimal(text.strip().split("/")[0].strip().replace(".", "").replace(",", "."))


# --- the data: the world's 2019 period with the demo accounts ---------------------------------


def bind(account: DemoAccount) -> None:
    """The demo account, bound as ``load_demo`` binds it, to the world's unit."""
    person = User.objects.create(
        username=account.username,
        full_name=account.full_name,
        unit=Unit.objects.get(code=account.works_at),
        email=f"{account.username}@demo.invalid",
    )
    person.set_password(DEMO_PASSWORD)
    person.save()
    unit = Unit.objects.get(code=account.unit) if account.unit else None
    do_grant_role(person, account.role, unit, actor=None)


def submit(participant, seed: int, quality: float = 0.7, **overrides: str) -> None:
    answers = plausible_answers(criteria_set_for(participant), seed=seed, quality=quality)
    for code, value in overrides.items():
        answers[code.replace("_", ".")] = AnswerInput(
            value=value, evidence_explanation=answers[code.replace("_", ".")].evidence_explanation
        )
    fill_demo_form(participant, answers, submit=True)


@pytest.fixture
def cycle(world):
    """Three departments, two districts and Văn Lâm's two communes take part (the world's
    Văn Giang commune is left out, so only Văn Lâm forwards). Sở Tài chính, Sở Xây dựng and
    both communes have submitted; the others never do (they count as not submitted)."""
    world.participants.pop("xuanquan").delete()
    for account in [*DEMO_ACCOUNTS, *SOXD_ACCOUNTS]:
        bind(account)
    submit(
        world.participants["sotc"], seed=1, **{c.replace(".", "_"): v for c, v in SOTC_HT.items()}
    )
    submit(world.participants["soxd"], seed=2, HT5_2="no")
    submit(world.participants["lacdao"], seed=3, quality=0.9)
    submit(world.participants["chidao"], seed=4, quality=0.4)
    return world


# --- moving about ---------------------------------------------------------------------------


class Journey:
    """One browser page, signed in as one person after another."""

    def __init__(self, page, base_url: str, screenshots) -> None:
        self.page = page
        self.url = base_url
        self.screenshots = screenshots
        screenshots.prefix = "review"  # review-01-queue.png, review-02-…

    def sign_in(self, username: str) -> None:
        sign_out = self.page.locator(".account").get_by_role("button", name=vi("Sign out"))
        if sign_out.count():
            sign_out.click()
            self.page.locator(".account__sign-in").wait_for()
        sign_in_browser(self.page, self.url, username)
        assert self.page.locator("html").get_attribute("lang") == "vi"

    def open_queue(self) -> None:
        self.page.locator(".site-nav").get_by_role("link", name=vi("Review"), exact=True).click()
        self.page.wait_for_url("**/review/")

    def open_review(self, unit_name: str, code: str) -> None:
        """From the queue, the review page of one form."""
        self.open_queue()
        self.page.locator("table.queue").get_by_role("link", name=unit_name).click()
        self.page.wait_for_url(f"**/review/{YEAR}/{code}/")

    def open_form(self, code: str) -> None:
        self.page.goto(f"{self.url}/assessments/{YEAR}/{code}/")

    def notice(self) -> str:
        return self.page.locator(".messages").inner_text()

    def shot(self, label: str) -> None:
        # From the top, where the sticky totals sit beside the first groups.
        self.page.evaluate("window.scrollTo(0, 0)")
        self.screenshots.take(label)

    def state(self) -> str:
        return self.page.locator("#review-state").inner_text().strip()

    def approve(self) -> None:
        self.page.get_by_role("button", name=vi("Approve the review")).click()
        # The confirmation step shows what the unit will see before it binds.
        self.page.locator("#confirm-verified").wait_for()
        self.page.get_by_role("button", name=vi("Confirm the approval")).click()
        assert vi("The review is approved.") in self.notice()
        assert self.state() == vi("Approved")


def self_and_verified(page, code: str) -> tuple[str, str]:
    """A criterion's self and verified points as the review page shows them."""
    block = page.locator(f"#criterion-{code.replace('.', '_')}")
    own = block.locator(".review-criterion__unit .criterion__points strong").inner_text()
    verified = block.locator(".review-verified strong").inner_text()
    return own.strip(), verified.strip()


def group_pair(page, code: str) -> tuple[str, str]:
    pair = page.locator(f"#total-{code.replace('.', '_')}")
    # text_content: the labels are upper-cased by the style sheet.
    own = pair.locator(".review-pair__self").text_content() or ""
    verified = pair.locator(".review-pair__verified").text_content() or ""
    return own.replace(vi("self"), "").strip(), verified.replace(vi("verified"), "").strip()


def total_pair(page) -> tuple[Decimal, Decimal]:
    cells = page.locator("#review-totals tbody tr").first.locator("td")
    return points(cells.nth(0).inner_text()), points(cells.nth(1).inner_text())


def adjust(page, code: str, reason: str, *, choose: str = "", numerator: str = "") -> None:
    """Open the criterion's adjustment, enter the verified answer as the unit would
    (a choice, or a ratio's first figure), the reason, and save."""
    slug = code.replace(".", "_")
    block = page.locator(f"#criterion-{slug}")
    block.locator("summary").get_by_text(vi("Adjust: set the verified answer")).click()
    if choose:
        block.locator(".review-adjust").get_by_label(choose, exact=True).check()
    if numerator:
        block.locator(f"#adj-num-{slug}").fill(numerator)
    block.get_by_label(vi("Reason (the unit reads it)")).fill(reason)
    save = vi(
        'Save the verified answer <span class="visually-hidden">to %(code)s</span>', code=code
    )
    block.get_by_role("button", name=save).click()
    page.locator(f"#criterion-{slug} .review-verdict--adjusted").wait_for()


# --- the journeys ---------------------------------------------------------------------------


def provincial_reviewer_adjusts(journey: Journey) -> Decimal:
    """Journey 1, up to the approval: returns the verified total."""
    page = journey.page
    journey.sign_in("thamdinh.tinh")
    journey.open_queue()
    queue = page.locator("table.queue")
    for name in ("Sở Tài chính", "Sở Xây dựng"):
        assert vi("Submitted") in queue.get_by_role("row", name=re.compile(name)).inner_text()
    journey.shot("queue")
    journey.open_review("Sở Tài chính", SOTC)
    assert self_and_verified(page, "HT3.1") == ("5/5", "5/5")
    assert self_and_verified(page, "HT1") == ("10/10", "10/10")
    assert group_pair(page, "HT") == ("50/50", "50/50")
    own_total, verified_total = total_pair(page)
    assert own_total == verified_total
    journey.shot("form")

    # A yes/no: the LAN the unit claims is not there.
    adjust(page, "HT3.1", REASON_LAN, choose=vi("No"))
    assert self_and_verified(page, "HT3.1") == ("5/5", "0/5")
    verdict = page.locator("#criterion-HT3_1 .review-criterion__verdict")
    assert vi("No") in verdict.locator(".review-verdict--adjusted strong").inner_text()
    assert REASON_LAN in verdict.locator(".review-reason").inner_text()
    assert group_pair(page, "HT3") == ("10/10", "5/10")
    assert journey.state() == vi("Under review")

    # A ratio: only half the staff have a computer (75 of 150, the unit said 150).
    assert page.locator("#criterion-HT1").locator("#adj-den-HT1").input_value() == "150"
    adjust(page, "HT1", REASON_PCS, numerator="75")
    assert self_and_verified(page, "HT1") == ("10/10", "5/10")
    assert REASON_PCS in page.locator("#criterion-HT1 .review-reason").inner_text()

    # Beside the self points, per criterion (above), per group and in total.
    assert group_pair(page, "HT3") == ("10/10", "5/10")
    assert group_pair(page, "HT") == ("50/50", "40/50")
    assert total_pair(page) == (own_total, own_total - 10)
    leaves = page.locator("article.review-criterion").count()
    progress = vi("Verdict given on %(done)s of %(total)s criteria", done=2, total=leaves)
    assert progress in page.locator("#review-totals").inner_text()
    journey.shot("adjusted")
    return own_total - 10


def unit_sees_nothing_yet(journey: Journey) -> None:
    """Journey 5, before the approval: the unit's form shows no verdict."""
    page = journey.page
    journey.sign_in("canbo.sotc")
    journey.open_form(SOTC)
    assert page.locator("#verified").count() == 0
    assert page.locator(".review-note").count() == 0
    body = page.locator("main").inner_text()
    assert REASON_LAN not in body and REASON_PCS not in body
    assert vi("Adjusted by the reviewer") not in body
    journey.shot("unit-before-approval")


def provincial_reviewer_approves(journey: Journey) -> None:
    """Journey 1, the end: the approval."""
    journey.sign_in("thamdinh.tinh")
    journey.open_review("Sở Tài chính", SOTC)
    journey.approve()
    page = journey.page
    assert page.get_by_role("button", name=vi("Approve the review")).count() == 0
    assert self_and_verified(page, "HT1") == ("10/10", "5/10")
    journey.shot("approved")


def unit_sees_the_review(journey: Journey, verified_total: Decimal) -> None:
    """Journey 5, after the approval: verified points and the reasons."""
    page = journey.page
    journey.sign_in("canbo.sotc")
    journey.open_form(SOTC)
    result = page.locator("#verified")
    assert vi("Result of the review") in result.inner_text()
    shown = result.inner_text()
    assert re.search(
        r"\b" + re.escape(str(verified_total).replace(".", ",")) + r"\s*/\s*500", shown
    )
    for code, reason, verified in (("HT3_1", REASON_LAN, "0"), ("HT1", REASON_PCS, "5")):
        note = page.locator(f"#c-{code} .review-note--adjusted")
        text = note.inner_text()
        assert vi("Adjusted by the reviewer") in text
        assert reason in text
        assert note.locator("strong").first.inner_text().strip() == verified
    journey.shot("unit-verified")


def provincial_reviewer_returns(journey: Journey) -> None:
    """Journey 2, the return: a comment on HT5.2 and a message."""
    page = journey.page
    journey.sign_in("thamdinh.tinh")
    journey.open_review("Sở Xây dựng", SOXD)
    block = page.locator("#criterion-HT5_2")
    assert vi("No") in block.locator(".review-answer").inner_text()
    block.get_by_label(vi("Comment for the unit (sent with the next return)")).fill(COMMENT)
    save = vi('Save the comment <span class="visually-hidden">on %(code)s</span>', code="HT5.2")
    block.get_by_role("button", name=save).click()
    draft = vi_before("Draft saved on %(when)s; not sent yet.", "when")
    page.locator("#criterion-HT5_2 .review-comment").get_by_text(draft).wait_for()
    page.get_by_text(vi("Return to the unit for revision")).click()
    page.locator("#return-drafts").get_by_role("link", name="HT5.2").wait_for()
    page.get_by_label(vi("Message to the unit")).fill(MESSAGE)
    assert page.get_by_label(vi("Revision deadline")).input_value()  # a week ahead, kept
    send = page.get_by_role("button", name=vi("Return for revision"))
    send.scroll_into_view_if_needed()  # the totals' column scrolls on its own
    journey.shot("returning")
    send.click()
    assert MESSAGE in page.locator("#confirm-message").inner_text()
    page.get_by_role("button", name=vi("Confirm the return")).click()
    returned = vi("The form is returned to the unit for revision (return %(number)s).", number=1)
    assert returned in journey.notice()
    assert journey.state() == vi("Returned for revision")
    assert MESSAGE in page.locator(".review-returns").inner_text()
    assert COMMENT in page.locator("#criterion-HT5_2 .review-sent").inner_text()


def unit_revises_and_resubmits(journey: Journey) -> None:
    """Journey 2, the unit: the officer reads the return and changes the answer; the
    head submits again."""
    page = journey.page
    journey.sign_in("canbo.soxd")
    journey.open_form(SOXD)
    returned = page.locator("#returned")
    assert vi("Returned for revision") in returned.inner_text()
    assert MESSAGE in returned.locator("blockquote").inner_text()
    returned.get_by_role("link", name="HT5.2").wait_for()
    criterion = page.locator("#c-HT5_2")
    comment = criterion.locator(".review-note--comment")
    assert vi("The reviewer's comment") in comment.inner_text()
    assert COMMENT in comment.inner_text()
    journey.shot("unit-returned")
    criterion.get_by_label(vi("Yes"), exact=True).check()
    page.locator("#r-HT5_2 strong").get_by_text("3/3").wait_for()

    journey.sign_in("lanhdao.soxd")
    journey.open_form(SOXD)
    assert page.locator("#c-HT5_2").get_by_label(vi("Yes"), exact=True).is_checked()
    page.get_by_role("link", name=vi("Submit the self-assessment")).click()
    page.get_by_label(
        vi("I declare that the figures and evidence in this self-assessment are true.")
    ).check()
    page.get_by_role("button", name=vi("Submit the self-assessment")).click()
    assert vi("The self-assessment is submitted.") in journey.notice()
    assert page.locator("#returned").count() == 0


def provincial_reviewer_sees_the_change(journey: Journey) -> None:
    """Journey 2, the end: what changed since the last submission, then the approval."""
    page = journey.page
    journey.sign_in("thamdinh.tinh")
    journey.open_review("Sở Xây dựng", SOXD)
    assert journey.state() == vi("Submitted")
    block = page.locator("#criterion-HT5_2")
    assert vi("changed since the last submission") in block.locator(".review-markers").inner_text()
    change = block.locator(".review-change")
    assert vi("Since the last submission") in (change.text_content() or "")
    assert vi("Answer:") in change.locator("li").inner_text()
    assert change.locator("del").inner_text() == vi("No")
    assert change.locator("ins").inner_text() == vi("Yes")
    assert page.locator(".review-change").count() == 1  # nothing else changed
    assert self_and_verified(page, "HT5.2") == ("3/3", "3/3")
    journey.shot("changed")
    journey.approve()


def district_reviewer_forwards(journey: Journey) -> None:
    """Journey 3: Văn Lâm approves its two communes and forwards them."""
    page = journey.page
    journey.sign_in("thamdinh.vanlam")
    journey.open_queue()
    queue = page.locator("table.queue")
    assert queue.locator("tbody tr").count() == 2
    journey.shot("district-queue")
    for name, code in (("Xã Lạc Đạo", "11989"), ("Xã Chỉ Đạo", "11992")):
        journey.open_review(name, code)
        journey.approve()
        if code == "11989":
            journey.shot("commune-approved")
    journey.open_queue()
    page.get_by_role("link", name="UBND huyện Văn Lâm").click()
    page.wait_for_url(f"**/review/{YEAR}/districts/325/")
    assert page.locator("#forwarding-problems").count() == 0
    assert (
        vi("Ranking within the district (preview)") in page.locator("#ranking-heading").inner_text()
    )
    preview = ranking_rows(page)
    assert [rank for rank, _name, _points in preview] == ["1", "2"]
    assert {name for _rank, name, _points in preview} == {"Xã Lạc Đạo", "Xã Chỉ Đạo"}
    assert preview[0][2] >= preview[1][2]
    journey.shot("district")

    page.get_by_label(vi("Note for Sở TT&TT")).fill("Đã thẩm định đủ 2/2 xã.")
    page.get_by_role("button", name=vi("Forward the results to Sở TT&TT")).click()
    assert vi("The communes' results are forwarded to Sở TT&TT.") in journey.notice()
    facts = page.locator(".facts").inner_text()
    assert vi_before("forwarded on %(when)s", "when") in facts
    heading = page.locator("#ranking-heading").inner_text()
    assert vi("Ranking within the district, as forwarded") in heading
    assert ranking_rows(page) == preview
    assert page.get_by_role("button", name=vi("Forward the results to Sở TT&TT")).count() == 0
    journey.shot("forwarded")

    # The district can no longer act on its communes.
    page.locator("table.data").first.get_by_role("link", name="Xã Lạc Đạo").click()
    page.wait_for_url(f"**/review/{YEAR}/11989/")
    lock = page.locator("#review-lock").inner_text()
    assert vi("Cannot be reviewed now.") in lock
    forwarded = "The district forwarded its results to Sở TT&TT on %(when)s: ask Sở TT&TT to send them back first."
    assert vi_before(forwarded, "when") in lock
    assert page.locator(".review-controls, .review-steps form").count() == 0
    journey.shot("district-locked")


def ranking_rows(page) -> list[tuple[str, str, Decimal]]:
    rows = page.locator("table.district-ranking tbody tr")
    found = []
    for index in range(rows.count()):
        cells = rows.nth(index).locator("td")
        found.append(
            (
                cells.nth(0).inner_text().strip(),
                cells.nth(1).inner_text().strip(),
                points(cells.nth(2).inner_text()),
            )
        )
    return found


def administrator_publishes(journey: Journey, sotc_total: Decimal) -> None:
    """Journey 4: the period goes to review, the results are finalised and published."""
    page = journey.page
    journey.sign_in("quantri")
    page.locator(".site-nav").get_by_role("link", name=vi("Periods"), exact=True).click()
    page.get_by_role("link", name=str(YEAR), exact=True).first.click()
    page.wait_for_url(f"**/periods/{YEAR}/")
    with translation.override("vi"):
        review_state = str(PeriodState.REVIEW.label)
    move = page.get_by_role("button", name=vi("Move on to “%(state)s”", state=review_state))
    move.click()
    # The confirmation step lists the units whose time the move would cut short.
    page.wait_for_url(f"**/periods/{YEAR}/state/")
    cut_off = still_has_time(Period.objects.get(year=YEAR))
    if cut_off:
        listed = page.locator("#cut-off").inner_text()
        assert all(participant.unit_name in listed for participant in cut_off)
        page.get_by_label(vi("Reason for closing before their deadline")).fill("Chỉ đạo của tỉnh")
    else:
        page.locator("#no-cut-off").wait_for()
    journey.shot("closing-the-self-assessment")
    move.click()
    assert vi("The period is now “%(state)s”.", state=review_state) in journey.notice()

    page.locator(".actions").get_by_role("link", name=vi("Results"), exact=True).click()
    page.wait_for_url(f"**/results/{YEAR}/")
    warnings = page.locator(".results-warnings").inner_text()
    for name in ("Sở Thông tin và Truyền thông", "UBND huyện Văn Lâm", "UBND huyện Văn Giang"):
        assert name in warnings  # did not submit: they do not stop the finalising
    journey.shot("results")
    page.get_by_role("button", name=vi("Finalise the results")).click()
    assert (
        vi("The results are finalised: publish them once the decision is signed.")
        in journey.notice()
    )

    page.get_by_label(vi("Decision number")).fill("456/QĐ-UBND")
    page.get_by_label(vi("Decision date")).fill("2020-03-20")
    page.get_by_label(vi("Signed by")).fill("Nguyễn Văn Phóng, Phó Chủ tịch UBND tỉnh")
    journey.shot("publishing")
    page.get_by_role("button", name=vi("Publish the results")).click()
    page.wait_for_url(f"**/results/{YEAR}/1/")
    assert vi("The results are published.") in journey.notice()
    facts = page.locator(".facts").inner_text()
    assert "456/QĐ-UBND" in facts and "20/03/2020" in facts and "Nguyễn Văn Phóng" in facts

    khoi01 = page.get_by_role("table", name=vi("Ranking of %(block)s", block="Khối 01"))
    rows = khoi01.locator("tbody tr")
    assert rows.count() == 3
    order = [rows.nth(i).locator("th").inner_text() for i in range(3)]
    assert [rows.nth(i).locator("td").first.inner_text() for i in range(3)] == ["1", "2", "3"]
    assert "Sở Thông tin và Truyền thông" in order[2] and vi("not submitted") in order[2]
    sotc = khoi01.get_by_role("row", name=re.compile("Sở Tài chính"))
    assert f"{sotc_total}/500".replace(".", ",") in sotc.inner_text()
    khoi03 = page.get_by_role("table", name=vi("Ranking of %(block)s", block="Khối 03"))
    assert khoi03.locator("tbody tr").count() == 2
    assert "UBND huyện Văn Lâm" in khoi03.inner_text()
    journey.shot("published")


def test_the_review_journeys(live_server, page, screenshots, cycle):
    journey = Journey(page, live_server.url, screenshots)
    verified_total = provincial_reviewer_adjusts(journey)
    unit_sees_nothing_yet(journey)
    provincial_reviewer_approves(journey)
    unit_sees_the_review(journey, verified_total)

    provincial_reviewer_returns(journey)
    unit_revises_and_resubmits(journey)
    provincial_reviewer_sees_the_change(journey)

    district_reviewer_forwards(journey)

    administrator_publishes(journey, verified_total)
    publication = Publication.objects.get()
    assert publication.decision_number == "456/QĐ-UBND"
    # Every form that was submitted was approved, in the pages.
    assert set(Assessment.objects.values_list("state", flat=True)) == {AssessmentState.APPROVED}
