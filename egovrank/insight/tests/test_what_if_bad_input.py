"""An answer the criterion's rule cannot take is named next to the criterion, and the
simulator says it cannot compute until it is corrected."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from egovrank.insight.access import access_published_unit
from egovrank.insight.queries import unit_basis

from .conftest import client_of
from .helpers import form_of, hand_checked

pytestmark = pytest.mark.django_db

URL = reverse("insight:what_if", kwargs={"year": 2019, "unit": "K01-05"})


def simulate(world, changes, **headers):
    basis = unit_basis(access_published_unit(world.unit_officer, 2019, "K01-05"))
    response = client_of(world.unit_officer).post(URL, form_of(basis, changes), **headers)
    assert response.status_code == 200
    return response


def error_next_to(html, slug):
    line = re.search(rf'<div[^>]*id="wi-{slug}".*?</div>', html, re.S).group(0)
    found = re.search(r'class="criterion__error">(.*?)</p>', line, re.S)
    return found.group(1).strip() if found else ""


def test_letters_instead_of_a_figure_are_named_and_nothing_is_computed(world):
    hand_checked(world)
    response = simulate(world, {"num-HT1": "mười"})
    simulation = response.context["simulation"]
    assert not simulation.computed
    assert simulation.errors == {
        "HT1": "The first figure: enter a number, such as 12 or 7,5 (no thousands separator)."
    }
    html = response.content.decode()
    assert error_next_to(html, "HT1").startswith("The first figure: enter a number")
    assert "Cannot compute until these answers are corrected:" in html
    assert 'href="#c-HT1"' in html
    assert 'id="what-if-points"' not in html


def test_a_zero_denominator_the_rule_refuses_is_named(world):
    hand_checked(world)
    response = simulate(world, {"num-HT1": "0", "den-HT1": "0"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert error_next_to(html, "HT1") == "The second figure must not be 0."
    assert "Cannot compute: correct the answers marked." in html


def test_an_unknown_option_and_a_half_figure_are_named(world):
    hand_checked(world)
    response = simulate(world, {"v-CCCS3": "Z", "v-UD5": "2,5"})
    assert response.context["simulation"].errors == {
        "UD5": "Enter a whole number.",
        "CCCS3": "Choose one of the options.",
    }


def test_a_numerator_above_the_denominator_counts_as_100_percent_as_the_rule_says(world):
    # The core's ratio rule takes it (capped at 100%) and explains it; it is not refused.
    hand_checked(world)
    response = simulate(world, {"num-HT1": "120", "den-HT1": "100"})
    simulation = response.context["simulation"]
    assert simulation.computed
    assert simulation.score.node("HT1").points == 10
    assert "numerator above denominator, counted as 100%" in response.content.decode()


def test_correcting_the_answer_computes_again(world):
    hand_checked(world)
    assert not simulate(world, {"num-HT1": "x"}).context["simulation"].computed
    assert simulate(world, {"num-HT1": "3", "den-HT1": "4"}).context["simulation"].computed
