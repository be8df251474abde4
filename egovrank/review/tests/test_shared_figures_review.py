"""The reviewer sees the unit's shared figures, where each comes from and what uses it."""

import pytest
from django.test import Client
from django.urls import reverse

from egovrank.assessments.tests.test_shared_figures import shared  # noqa: F401 - fixture
from egovrank.results.tests.test_shared_figures_results import approved

pytestmark = pytest.mark.django_db


def test_the_review_page_lists_the_shared_figures(shared):  # noqa: F811
    approved(shared.participants["sotc"], {"TONG_CBCCVC": "51", "HT1": "60", "HO_SO": "200"})
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(shared.provincial_reviewer)
    page = client.get(reverse("review:detail", kwargs={"year": 2019, "unit": "K01-05"}))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Shared figures" in html and 'id="fig-TONG_CBCCVC"' in html
    assert "Cổng Dịch vụ công quốc gia" in html and "HT1, UD2, NL3, NL4" in html
    assert "The numerator (60) is above the shared figure TONG_CBCCVC (51)" in html
