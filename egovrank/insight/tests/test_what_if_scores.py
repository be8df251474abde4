"""The what-if simulator scores changed answers with the core and ranks the unit among
the other units' published results: one answer from no to yes can lift the level and
the rank."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from egovrank.assessments.sheet import Entry, answers_of
from egovrank.insight.access import access_published_unit
from egovrank.insight.queries import block_criteria_set, unit_basis
from egovrank.results.models import PublishedResult
from egovrank.scoring.engine import UnitInput, best_figures, score_unit

from .conftest import client_of
from .helpers import CLOSE, form_of, full_answers, hand_checked

pytestmark = pytest.mark.django_db

URL = reverse("insight:what_if", kwargs={"year": 2019, "unit": "K01-05"})


def basis_of(world, unit="K01-05"):
    return unit_basis(access_published_unit(world.administrator, 2019, unit))


def text_of(html, element_id):
    found = re.search(rf'id="{element_id}"[^>]*>(.*?)</(dd|div|p)>', html, re.S).group(1)
    return " ".join(re.sub(r"<[^>]+>", " ", found).split())


def test_it_starts_from_the_verified_answers_and_the_published_result(world):
    hand_checked(world, CLOSE)
    response = client_of(world.unit_officer).get(URL)
    simulation = response.context["simulation"]
    published = PublishedResult.objects.get(unit_code="K01-05")
    assert (simulation.score.points, simulation.score.max_points) == (420, 500)
    assert simulation.score.points == published.points
    assert simulation.score.level.code == published.level_code == "kha"
    assert simulation.rank == published.rank == 3
    html = response.content.decode()
    # The reviewer's "no" on UD6.1 is checked, not the unit's own "yes".
    assert re.search(r'name="v-UD6.1" value="no" checked', html)
    assert re.search(r'name="v-HT3.1" value="no" checked', html)
    assert 'name="num-HT1" value="1"' in html


def test_changing_one_answer_from_no_to_yes_lifts_the_points_level_and_rank(world):
    hand_checked(world, CLOSE)
    basis = basis_of(world)
    response = client_of(world.unit_officer).post(URL, form_of(basis, {"v-HT3.1": "yes"}))
    assert response.status_code == 200
    simulation = response.context["simulation"]
    assert simulation.points_change == 5
    assert simulation.score.percent == Decimal("85.00")
    assert simulation.percent_change == 1
    assert (simulation.published.level_code, simulation.score.level.code) == ("kha", "tot")
    assert (simulation.published.rank, simulation.rank) == (3, 2)  # above Sở Xây dựng
    html = response.content.decode()
    assert text_of(html, "what-if-points").startswith("425 / 500 +5")
    assert "85.00%" in text_of(html, "what-if-share")
    assert "Fair" in text_of(html, "what-if-level") and "Good" in text_of(html, "what-if-level")
    assert text_of(html, "what-if-rank").startswith("2 / 3 up 1 place")
    # Without JavaScript the page comes back with the answer as changed.
    assert re.search(r'name="v-HT3.1" value="yes" checked', html)


def test_the_figures_are_those_the_core_gives(world):
    hand_checked(world, CLOSE)
    basis = basis_of(world)
    response = client_of(world.unit_officer).post(URL, form_of(basis, {"v-HT3.1": "yes"}))
    simulation = response.context["simulation"]
    criteria_set = block_criteria_set(basis.unit.publication, "KHOI01")
    values = {**full_answers(criteria_set), **CLOSE["sotc"], "UD6.1": "no", "HT3.1": "yes"}
    answers, errors = answers_of(criteria_set, {c: Entry(v) for c, v in values.items()})
    assert errors == {}
    expected = score_unit(criteria_set, UnitInput("K01-05", "Sở Tài chính", answers))
    assert simulation.score.points == expected.points == 425
    assert simulation.score.max_points == expected.max_points
    assert simulation.score.share == expected.share
    assert simulation.score.level == expected.level
    assert {n.code: n.points for n in simulation.score.walk()} == {
        n.code: n.points for n in expected.walk()
    }


def test_the_htmx_answer_carries_the_panel_and_each_criterion_out_of_band(world):
    hand_checked(world, CLOSE)
    basis = basis_of(world)
    response = client_of(world.unit_officer).post(
        URL, form_of(basis, {"v-HT3.1": "yes"}), HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert "<html" not in html
    assert text_of(html, "what-if-rank").startswith("2 / 3")
    line = re.search(r'<div[^>]*id="wi-HT3_1"[^>]*hx-swap-oob="true".*?</div>', html, re.S).group(0)
    assert "Published: 0/5" in line and "5/5" in line and "(+5)" in line
    assert re.search(r'id="wg-HT"[^>]*hx-swap-oob="true"', html)
    assert "425 of 500 points, 85.00%, level Good, rank 2." in html


def test_a_relative_criterion_uses_the_block_s_best_with_the_changed_figure(world):
    hand_checked(world)
    basis = basis_of(world, "325")  # UBND huyện Văn Lâm, Khối 02 (DVC3 is relative)
    others = basis.others
    assert others  # Văn Giang's verified figures
    changed = form_of(basis, {"num-DVC3": "1000000", "den-DVC3": "1000000"})
    response = client_of(world.administrator).post(
        reverse("insight:what_if", kwargs={"year": 2019, "unit": "325"}), changed
    )
    simulation = response.context["simulation"]
    assert simulation.score.node("DVC3").points == 30  # its 100% is now the block's best
    assert simulation.best_moved == ("DVC3",)
    assert "would change the block's best figure for DVC3" in response.content.decode()
    entries = {**basis.entries, "DVC3": Entry("1000000/1000000")}
    criteria_set = basis.criteria_set
    answers = answers_of(criteria_set, entries)[0]
    units = [UnitInput("325", "", answers)] + [
        UnitInput(str(i), "", answers_of(criteria_set, o)[0]) for i, o in enumerate(others)
    ]
    expected = score_unit(criteria_set, units[0], best_figures(criteria_set, units))
    assert simulation.score.points == expected.points
