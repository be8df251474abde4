"""The what-if simulator never writes: no INSERT, UPDATE or DELETE on any table, nothing
in the audit trail, and the unit's form and the published results stay as they were."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from egovrank.assessments.models import Answer
from egovrank.core.models import AuditEvent
from egovrank.insight.access import access_published_unit
from egovrank.insight.queries import unit_basis
from egovrank.results.models import PublishedResult
from egovrank.review.models import Verification

from .conftest import client_of
from .helpers import CLOSE, form_of, hand_checked

pytestmark = pytest.mark.django_db

URL = reverse("insight:what_if", kwargs={"year": 2019, "unit": "K01-05"})
WRITES = ("insert", "update", "delete", "replace")


def state():
    return (
        list(
            Answer.objects.order_by("pk").values_list("pk", "value", "not_applicable", "revision")
        ),
        list(Verification.objects.order_by("pk").values_list("pk", "value", "decision")),
        list(PublishedResult.objects.order_by("pk").values_list("pk", "points", "rank")),
        AuditEvent.objects.count(),
    )


@pytest.mark.parametrize("htmx", [False, True])
def test_it_writes_nothing_at_all(world, htmx):
    hand_checked(world, CLOSE)
    basis = unit_basis(access_published_unit(world.unit_officer, 2019, "K01-05"))
    client = client_of(world.unit_officer)
    client.get(URL)  # the person opens the simulator first (its session is renewed then)
    before = state()
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    changed = form_of(basis, {"v-HT3.1": "yes", "v-NL1": "yes", "num-HT1": "1", "den-HT1": "3"})
    with CaptureQueriesContext(connection) as queries:
        response = client.post(URL, changed, **headers)
        client.post(URL, {**changed, "num-HT1": "oops"}, **headers)  # refused input too
    assert response.context["simulation"].rank == 2
    writes = [q["sql"] for q in queries if q["sql"].lstrip().lower().startswith(WRITES)]
    assert writes == []
    assert state() == before


def test_reloading_shows_the_published_values_again(world):
    hand_checked(world, CLOSE)
    basis = unit_basis(access_published_unit(world.unit_officer, 2019, "K01-05"))
    client = client_of(world.unit_officer)
    assert client.post(URL, form_of(basis, {"v-HT3.1": "yes"})).context["simulation"].rank == 2
    simulation = client.get(URL).context["simulation"]
    assert (simulation.score.points, simulation.rank, simulation.score.level.code) == (
        420,
        3,
        "kha",
    )
