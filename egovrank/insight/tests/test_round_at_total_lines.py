"""A set rounding only the total (``round_at: total``, issue 16) keeps its criteria
unrounded; every per-criterion line a person reads (the unit's form, the review page,
the explanations, where the unit lost points, the what-if) shows them with the set's
places and mode, while the totals stay as computed."""

from __future__ import annotations

import dataclasses
import re

import pytest
from django.urls import reverse

from egovrank.criteria.actions import do_import_version
from egovrank.criteria.versions import criteria_set_of
from egovrank.results.models import PublishedResult
from egovrank.results.tests.helpers import published
from egovrank.scoring.fileformat.yaml_io import dump_criteria_set
from egovrank.scoring.tree import Scoring

from .conftest import client_of

pytestmark = pytest.mark.django_db

# A figure with four or more decimals: the set shows two.
LONG = re.compile(r"\d[.,]\d{4,}")


def rounding_only_the_total(world):
    period_block = world.period.blocks.get(block__code="KHOI01")
    shipped = criteria_set_of(period_block.version)
    copy = dataclasses.replace(
        shipped,
        meta=dataclasses.replace(shipped.meta, id="khoi01-lam-tron-tong"),
        scoring=Scoring(
            precision=dataclasses.replace(
                shipped.scoring.precision, rounding="truncate", round_at="total"
            )
        ),
    )
    version = do_import_version(
        "lam-tron-tong.yaml", dump_criteria_set(copy).encode(), actor=world.administrator
    )
    period_block.version = version
    period_block.save()


def test_every_criterion_line_shows_the_sets_places(world):
    rounding_only_the_total(world)
    published(world)
    sotc = PublishedResult.objects.get(unit_code=world.participants["sotc"].unit_code)
    # The record keeps the exact criteria; some have many places.
    assert any(len(points.partition(".")[2]) > 3 for points, _, _ in sotc.nodes.values())
    unit = sotc.unit_code
    pages = {
        "form": (world.unit_officer, reverse("assessments:form", args=[2019, unit])),
        "review": (world.provincial_reviewer, reverse("review:detail", args=[2019, unit])),
        "lost": (world.unit_officer, reverse("insight:lost_points", args=[2019, unit])),
        "what-if": (world.unit_officer, reverse("insight:what_if", args=[2019, unit])),
        "public": (None, reverse("publication:unit", kwargs={"year": 2019, "unit": unit})),
    }
    for name, (person, url) in pages.items():
        for language in ("en", "vi"):
            response = client_of(person, language=language).get(url)
            assert response.status_code == 200, (name, language)
            text = response.content.decode()
            assert re.search(r"criterion__points|insight-meter|class=\"num\"", text), name
            found = LONG.findall(text)
            assert not found, (name, language, found[:3])
