"""Where a unit lost points: every criterion by points lost, with the core's explanation
and the reviewer's reason; criteria that do not apply apart; nothing of another unit."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from egovrank.insight.access import access_published_unit
from egovrank.insight.queries import lost_points, unit_basis

from .conftest import client_of
from .helpers import CHANGES, NA, REASON, hand_checked

pytestmark = pytest.mark.django_db

SOTC_CHANGES = {**CHANGES, "sotc": {"HT3.1": "no", "NL3": "1/2", "DVC1": NA}}


def report_of(world, unit="K01-05"):
    return lost_points(unit_basis(access_published_unit(world.unit_officer, 2019, unit)), "en")


def page(world):
    url = reverse("insight:lost_points", kwargs={"year": 2019, "unit": "K01-05"})
    response = client_of(world.unit_officer).get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_it_orders_the_criteria_by_points_lost_then_as_the_set_does(world):
    hand_checked(world, SOTC_CHANGES)
    report = report_of(world)
    first = [(line.code, line.lost) for line in report.lines[:4]]
    # NL3: 1/2 of 15 is 7.5, 7.5 lost; HT3.1 and UD6.1 lose 5 each, in the set's order.
    assert first == [("NL3", Decimal("7.5")), ("HT3.1", 5), ("UD6.1", 5), ("HT1", 0)]
    assert all(line.lost == 0 for line in report.lines[3:])
    assert report.lost == report.result.max_points - report.result.points == 17.5
    assert report.with_loss == 3


def test_it_explains_each_criterion_with_the_rule_and_the_verified_answer(world):
    hand_checked(world, SOTC_CHANGES)
    lines = {line.code: line for line in report_of(world).lines}
    assert lines["NL3"].explanation == "1/2 = 50% × 15 → 7.5/15"
    assert lines["HT3.1"].explanation == "No → 0/5"
    # UD6.1 was answered yes; the reviewer's no is the verified answer.
    assert lines["UD6.1"].explanation == "No → 0/5"
    assert lines["HT3.1"].rule_text == "Yes: 5 points; No: 0 points"
    assert all(line.explained for line in lines.values())


def test_it_gives_the_reviewer_s_reason_where_the_reviewer_adjusted_the_answer(world):
    hand_checked(world, SOTC_CHANGES)
    lines = {line.code: line for line in report_of(world).lines}
    assert lines["UD6.1"].adjustment.reason == REASON
    assert lines["HT3.1"].adjustment is None
    html = page(world)
    row = re.search(r'<tr id="lost-UD6_1".*?</tr>', html, re.S).group(0)
    assert REASON in row
    assert "Accepted as the unit answered" in re.search(
        r'<tr id="lost-HT3_1".*?</tr>', html, re.S
    ).group(0)


def test_it_lists_the_criteria_that_do_not_apply_apart(world):
    hand_checked(world, SOTC_CHANGES)
    report = report_of(world)
    assert [line.code for line in report.not_applicable] == ["DVC1"]
    assert "DVC1" not in [line.code for line in report.lines]
    assert report.result.max_points == 475  # 500 less DVC1's 25
    assert 'id="na-heading"' in page(world)


def test_it_totals_the_points_lost_by_group_most_first(world):
    hand_checked(world, SOTC_CHANGES)
    groups = [(group.node.code, group.lost) for group in report_of(world).groups]
    assert groups[:3] == [("NL", Decimal("7.5")), ("HT", 5), ("UD", 5)]
    # The rest lost nothing, and keep the set's order.
    assert groups[3:] == [("WEB", 0), ("DVC", 0), ("CCCS", 0)]


def test_it_shows_nothing_of_another_unit(world):
    hand_checked(world, SOTC_CHANGES)
    html = page(world)
    for other in ("Sở Xây dựng", "Sở Thông tin và Truyền thông", "Văn Lâm", "Lạc Đạo"):
        assert other not in html


def test_it_says_when_the_review_changed_after_publication(world):
    hand_checked(world, SOTC_CHANGES)
    # A correction under way: the reviewer now accepts HT3.1 as yes.
    from egovrank.results.tests.helpers import adjust

    assessment = world.participants["sotc"].assessment
    adjust(assessment, "HT3.1", "yes", by=world.provincial_reviewer)
    line = next(line for line in report_of(world).lines if line.code == "HT3.1")
    assert line.points == 0  # the published points stand
    assert not line.explained
    assert line.explanation == ""
    assert "changed after publication" in page(world)
