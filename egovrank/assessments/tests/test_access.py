"""Another unit's officer cannot read, change or download anything of this unit's form,
by page or by direct URL; district reviewers see only their communes."""

import pytest

from egovrank.assessments.models import Answer, EvidenceFile
from egovrank.assessments.tests.conftest import client_of, form_url, pdf
from egovrank.assessments.tests.helpers import save


@pytest.fixture
def filled(world, officer):
    officer.post(form_url(world, name="assessments:upload", code="HT1"), {"file": pdf()})
    save(world.participants["sotc"], "HT3.1", "yes", actor=world.unit_officer)
    return EvidenceFile.objects.get()


@pytest.mark.parametrize("name", ["assessments:form", "assessments:history", "assessments:check"])
def test_another_units_officer_cannot_read_the_form(world, filled, name):
    assert client_of(world.commune_officer).get(form_url(world, name=name)).status_code == 404


def test_another_units_officer_cannot_change_anything(world, filled):
    stranger = client_of(world.commune_officer)
    posts = [
        form_url(world, name="assessments:save", code="HT3.1"),
        form_url(world, name="assessments:upload", code="HT1"),
        form_url(world, name="assessments:add_link", code="HT1"),
        form_url(world, name="assessments:remove_file", pk=filled.pk),
        form_url(world, name="assessments:submit"),
        form_url(world, name="assessments:withdraw"),
    ]
    for url in posts:
        assert (
            stranger.post(url, {"value": "no", "revision": 1, "title": "x"}).status_code == 404
        ), url
    assert Answer.objects.get(code="HT3.1").value == "yes"
    assert EvidenceFile.objects.get().removed_at is None


def test_the_list_shows_only_the_persons_forms(world, filled):
    html = client_of(world.commune_officer).get("/assessments/").content.decode()
    assert "Xã Lạc Đạo" in html and "Sở Tài chính" not in html


def test_a_district_reviewer_sees_its_communes_only(world):
    reviewer = client_of(world.district_reviewer)
    assert reviewer.get(form_url(world, "lacdao")).status_code == 200
    assert reviewer.get(form_url(world, "xuanquan")).status_code == 404
    assert reviewer.get(form_url(world, "sotc")).status_code == 404
