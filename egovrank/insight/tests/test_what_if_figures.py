"""The what-if page lets the person try another value of a shared figure: every
criterion using it is scored again by the core, nothing is saved."""

from __future__ import annotations

import pytest
from django.urls import reverse

from egovrank.assessments.models import Answer
from egovrank.assessments.queries import criteria_set_for
from egovrank.assessments.tests.test_shared_figures import shared  # noqa: F401 - fixture
from egovrank.criteria.models import CriteriaVersion
from egovrank.insight.access import access_published_unit
from egovrank.insight.queries import unit_basis
from egovrank.periods.models import Participant, PeriodBlock

from .conftest import client_of
from .helpers import CHANGES, form_of, hand_checked

pytestmark = pytest.mark.django_db

URL = reverse("insight:what_if", kwargs={"year": 2019, "unit": "K01-05"})


def shared_participant() -> Participant:
    return Participant.objects.get(period__year=2019, unit_code="K01-05")


def shared_answers(staff: str, used: str) -> dict[str, str]:
    """Each shared figure and the part each criterion using it enters: ``used`` of a
    staff of ``staff``; the portal's figures in full."""
    criteria_set = criteria_set_for(shared_participant())
    answers = {"TONG_CBCCVC": staff, "HO_SO": "10"}
    for user in criteria_set.figure_users("TONG_CBCCVC"):
        answers[user] = used
    for user in criteria_set.figure_users("HO_SO"):
        answers[user] = "10"
    return answers


def test_trying_another_shared_figure_rescores_every_criterion_using_it(shared):  # noqa: F811
    changes = {key: {**CHANGES[key], **shared_answers("40", "40")} for key in CHANGES}
    changes["sotc"] = {**CHANGES["sotc"], **shared_answers("50", "40")}
    hand_checked(shared, changes)
    basis = unit_basis(access_published_unit(shared.administrator, 2019, "K01-05"))
    officer = client_of(shared.unit_officer)
    page = officer.get(URL).content.decode()
    assert 'name="fig-TONG_CBCCVC" value="50"' in page
    # 40 of 50 staff: HT1 8/10, UD2 12/15, NL3 12/15, NL4 12/15; a staff of 40 gives all.
    response = officer.post(URL, form_of(basis, {"fig-TONG_CBCCVC": "40"}))
    simulation = response.context["simulation"]
    assert simulation.nodes["HT1"].points == 10
    assert simulation.points_change == 2 + 3 + 3 + 3
    html = response.content.decode()
    assert 'name="fig-TONG_CBCCVC" value="40"' in html
    assert "Verified: 50; tried here, not saved." in html
    # Below a numerator: refused, naming the figure, no score.
    refused = officer.post(URL, form_of(basis, {"fig-TONG_CBCCVC": "30"}), HTTP_HX_REQUEST="true")
    assert refused.context["simulation"].score is None
    assert "The numerator (40) is above the shared figure TONG_CBCCVC (30)" in (
        refused.content.decode()
    )
    # Nothing saved.
    stored = Answer.objects.get(assessment__participant__unit_code="K01-05", code="TONG_CBCCVC")
    assert stored.value == "50"


BOTH_SHARED = "Số hồ sơ TTHC được tiếp nhận, xử lý trên hệ thống một cửa điện tử"


@pytest.fixture
def both_shared(shared):  # noqa: F811
    """The shared set with a third figure, the applications handled by the one-stop
    system, as the numerator of the criterion whose denominator is HO_SO: a criterion
    both of whose figures are shared."""
    version = PeriodBlock.objects.get(period=shared.period, block=shared.blocks["KHOI01"]).version
    text = version.source_yaml.replace(
        "nodes:\n",
        "  - {code: HO_SO_MOT_CUA, name: Số hồ sơ xử lý trên hệ thống một cửa điện tử}\nnodes:\n",
        1,
    )
    text = text.replace(f'numerator: "{BOTH_SHARED}"', "numerator_figure: HO_SO_MOT_CUA", 1)
    text = text.replace("id: test-shared-figures", "id: test-both-shared", 1)
    both = CriteriaVersion.objects.create(
        set_id="test-both-shared", title="Both shared", block_code="KHOI01", source_yaml=text
    )
    PeriodBlock.objects.filter(period=shared.period, block=shared.blocks["KHOI01"]).update(
        version=both
    )
    return shared


def test_a_criterion_whose_two_figures_are_shared_has_no_input_of_its_own(both_shared):
    criteria_set = criteria_set_for(shared_participant())
    (code,) = criteria_set.figure_users("HO_SO_MOT_CUA")
    answers = {**shared_answers("50", "40"), "HO_SO_MOT_CUA": "5"}
    del answers[code]  # it takes no value of its own
    changes = {key: {**CHANGES[key], **answers} for key in CHANGES}
    hand_checked(both_shared, changes)
    basis = unit_basis(access_published_unit(both_shared.administrator, 2019, "K01-05"))
    officer = client_of(both_shared.unit_officer)
    page = officer.get(URL).content.decode()
    assert f'name="v-{code}"' not in page
    assert (
        "Both figures come from the shared figures HO_SO_MOT_CUA and HO_SO: "
        "try other values of them above." in page
    )
    # 5 of 10 applications, then 10 of 10: the figure's input drives the criterion.
    maximum = criteria_set.get(code).max_points
    before = officer.post(URL, form_of(basis)).context["simulation"]
    assert before.nodes[code].points == maximum / 2
    after = officer.post(URL, form_of(basis, {"fig-HO_SO_MOT_CUA": "10"})).context["simulation"]
    assert after.nodes[code].points == maximum
    # A value posted for the criterion itself (an old page) is not read: nothing refused.
    stray = officer.post(URL, form_of(basis, {f"v-{code}": "3"})).context["simulation"]
    assert stray.errors == {} and stray.nodes[code].points == maximum / 2
