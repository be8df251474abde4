"""The criteria editor keeps a ratio's shared figures and lets them be changed."""

import pytest

from egovrank.assessments.tests.test_shared_figures import shared_version

from .helpers import node_data, node_of

pytestmark = pytest.mark.usefixtures("english")

SHARED = "test-shared-figures"


def url(code):
    return f"/criteria/{SHARED}/edit/node/{code}/"


def test_editing_a_criterion_keeps_its_shared_denominator(administrator_client, world):
    shared_version()
    page = administrator_client.get(url("HT1")).content.decode()
    assert 'name="rule_denominator_figure" value="TONG_CBCCVC"' in page
    response = administrator_client.post(url("HT1"), node_data(SHARED, "HT1", name="Máy tính"))
    assert response.status_code == 302
    node = node_of(SHARED, "HT1")
    assert (node.name, node.rule.denominator_figure) == ("Máy tính", "TONG_CBCCVC")


def test_a_shared_figure_that_does_not_exist_is_refused_and_nothing_changes(
    administrator_client, world
):
    shared_version()
    data = node_data(SHARED, "HT1", rule_denominator_figure="NOPE")
    response = administrator_client.post(url("HT1"), data)
    assert response.status_code == 400
    assert "no shared figure &#x27;NOPE&#x27;" in response.content.decode()
    assert node_of(SHARED, "HT1").rule.denominator_figure == "TONG_CBCCVC"


def test_the_set_page_lists_the_shared_figures_and_what_uses_them(client, world):
    shared_version()
    html = client.get(f"/criteria/{SHARED}/").content.decode()
    assert "Số liệu dùng chung" in html and "TONG_CBCCVC" in html
    assert "HT1, UD2, NL3, NL4" in html and "Cổng Dịch vụ công quốc gia" in html
