"""Shared figures on the unit's form: asked once, read by every criterion that uses
them; figures that come from a system or are measured automatically are read-only for
units (pages and API) and filled by the figures import."""

from __future__ import annotations

import pytest

from egovrank.api.tests.helpers import api, api_as, form_kwargs
from egovrank.assessments.figures import FiguresRefused, do_import_figures
from egovrank.assessments.models import Answer
from egovrank.assessments.tests.conftest import form_url
from egovrank.assessments.tests.helpers import save
from egovrank.criteria.models import CriteriaVersion
from egovrank.periods.models import PeriodBlock
from egovrank.scoring.catalogue import packaged_set_text

HTMX = {"HTTP_HX_REQUEST": "true"}

FIGURES = """\
figures:
  - code: TONG_CBCCVC
    name: Tổng số CBCCVC của cơ quan
  - code: HO_SO
    name: Tổng số hồ sơ TTHC tiếp nhận
    origin: system
    origin_system: Cổng Dịch vụ công quốc gia
nodes:
"""


def shared_version():
    """Khối 01 of 2018 with the staff count shared by HT1 and UD2, the applications
    received from the national portal, and DVC4.2 measured automatically."""
    text = packaged_set_text("hungyen-2018-khoi01")
    text = text.replace("id: hungyen-2018-khoi01", "id: test-shared-figures", 1)
    text = text.replace("\nnodes:\n", "\n" + FIGURES, 1)
    text = text.replace(
        'denominator: "Tổng số CBCCVC của cơ quan"}', "denominator_figure: TONG_CBCCVC}"
    )
    text = text.replace(
        'denominator: "Tổng số CBCC của cơ quan"}', "denominator_figure: TONG_CBCCVC}"
    )
    text = text.replace(
        'denominator: "Tổng số hồ sơ TTHC tiếp nhận", zero_denominator: not_applicable}',
        "denominator_figure: HO_SO, zero_denominator: not_applicable}",
    )
    text = text.replace("{code: DVC4.2, ", "{code: DVC4.2, origin: automatic, ", 1)
    return CriteriaVersion.objects.create(
        set_id="test-shared-figures", title="Shared", block_code="KHOI01", source_yaml=text
    )


@pytest.fixture
def shared(world):
    PeriodBlock.objects.filter(period=world.period, block=world.blocks["KHOI01"]).update(
        version=shared_version()
    )
    return world


def save_url(world, code):
    return form_url(world, name="assessments:save", code=code)


def test_the_form_asks_each_shared_figure_once_and_shows_where_the_others_come_from(
    shared, officer
):
    page = officer.get(form_url(shared)).content.decode()
    assert (
        page.count('name="value" value="" class="input--number" aria-describedby="fh-TONG_CBCCVC"')
        == 1
    )
    assert "Used by HT1, UD2, NL3, NL4." in page
    assert 'id="fv-HO_SO" name="value" value="" class="input--number" readonly' in page
    assert "Comes from Cổng Dịch vụ công quốc gia" in page
    assert "Measured automatically" in page


def test_a_figure_saved_once_scores_every_criterion_that_uses_it(shared, officer):
    officer.post(save_url(shared, "HT1"), {"value": "40", "revision": 0}, **HTMX)
    officer.post(save_url(shared, "UD2"), {"value": "25", "revision": 0}, **HTMX)
    response = officer.post(save_url(shared, "TONG_CBCCVC"), {"value": "50", "revision": 0}, **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="fig-TONG_CBCCVC"' in html
    assert "8/10 points" in html  # HT1: 40/50 × 10, swapped in out of band
    assert "7.5/15 points" in html  # UD2: 25/50 × 15
    stored = Answer.objects.get(code="TONG_CBCCVC")
    assert (stored.value, stored.revision) == ("50", 1)


def test_a_numerator_above_the_shared_figure_is_refused_naming_the_other_criterion(shared, officer):
    officer.post(save_url(shared, "TONG_CBCCVC"), {"value": "51", "revision": 0}, **HTMX)
    html = officer.post(save_url(shared, "HT1"), {"value": "153", "revision": 0}, **HTMX)
    text = html.content.decode()
    assert "The numerator (153) is above the shared figure TONG_CBCCVC (51)" in text
    assert "also used by UD2" in text


def test_units_cannot_type_a_figure_from_a_system_or_an_automatic_criterion(shared, officer):
    response = officer.post(save_url(shared, "HO_SO"), {"value": "900", "revision": 0}, **HTMX)
    assert response.status_code == 409
    assert "comes from Cổng Dịch vụ công quốc gia" in response.content.decode()
    response = officer.post(save_url(shared, "DVC4.2"), {"value": "yes", "revision": 0}, **HTMX)
    assert response.status_code == 409
    assert not Answer.objects.filter(code__in=["HO_SO", "DVC4.2"]).exists()


def test_the_api_gives_the_figures_and_refuses_typing_a_system_figure(shared):
    client = api_as(shared.unit_officer)
    kwargs = form_kwargs(shared, "sotc")
    body = client.get(api("assessment", **kwargs)).json()
    assert [(f["code"], f["origin"], f["used_by"]) for f in body["figures"]] == [
        ("TONG_CBCCVC", "unit", ["HT1", "UD2", "NL3", "NL4"]),
        ("HO_SO", "system", ["UD4", "DVC3"]),
    ]
    saved = client.post(api("answer", **kwargs, code="TONG_CBCCVC"), {"value": "50", "revision": 0})
    assert saved.status_code == 200
    assert saved.json()["criterion"] is None and saved.json()["figure"]["value"] == "50"
    refused = client.post(api("answer", **kwargs, code="HO_SO"), {"value": "9", "revision": 0})
    assert refused.status_code == 409
    [error] = refused.json()["errors"]
    assert (error["code"], error["path"]) == ("entered_elsewhere", "value")
    assert "Cổng Dịch vụ công quốc gia" in error["message"]


def test_the_figures_import_fills_system_figures_and_refuses_a_contradiction(shared):
    officer = shared.unit_officer
    save(shared.participants["sotc"], "DVC3", "120", actor=officer)
    report = do_import_figures(
        shared.period,
        "so-lieu.csv",
        b"unit_code,criterion,value\nK01-05,HO_SO,200\nK01-05,DVC4.2,yes\n",
        source="Cổng Dịch vụ công quốc gia",
        actor=shared.administrator,
    )
    assert [(r.criterion, r.after) for r in report.rows] == [("HO_SO", "200"), ("DVC4.2", "yes")]
    with pytest.raises(FiguresRefused) as refused:
        do_import_figures(
            shared.period,
            "so-lieu.csv",
            b"unit_code,criterion,value\nK01-05,HO_SO,100\nK01-05,TONG_CBCCVC,x\n",
            source="Cổng Dịch vụ công quốc gia",
            actor=shared.administrator,
        )
    problems = {(p.row, p.column): p.message for p in refused.value.problems}
    assert "DVC3" in problems[(2, "value")] and "(100)" in problems[(2, "value")]
    assert "TONG_CBCCVC" in problems[(3, "value")]
    assert Answer.objects.get(code="HO_SO").value == "200"  # nothing changed
