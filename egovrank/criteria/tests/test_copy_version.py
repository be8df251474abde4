"""Copying a version to a new one: same criteria, new identifier, version and title."""

import pytest

from egovrank.core.models import AuditEvent
from egovrank.criteria.models import CriteriaVersion
from egovrank.criteria.versions import criteria_set_of
from egovrank.scoring.fileformat.build import document_of
from egovrank.scoring.fileformat.yaml_io import loads_criteria_set

from .helpers import SET, answer

pytestmark = pytest.mark.usefixtures("english")
URL = f"/criteria/{SET}/copy/"
NEW = {"set_id": "hungyen-2021-khoi01", "version_label": "2021", "title": "Khối 01 năm 2021"}


def test_it_copies_a_version_under_a_new_identifier(administrator_client, world):
    response = administrator_client.post(URL, NEW)

    assert response.status_code == 302
    assert response["Location"] == "/criteria/hungyen-2021-khoi01/edit/"
    source = CriteriaVersion.objects.get(set_id=SET)
    copy = CriteriaVersion.objects.get(set_id="hungyen-2021-khoi01")
    assert copy.copied_from == source
    assert (copy.title, copy.version, copy.block_code) == ("Khối 01 năm 2021", "2021", "KHOI01")
    assert copy.created_by == world.administrator
    copied = loads_criteria_set(copy.source_yaml)
    assert (copied.meta.id, copied.meta.version, copied.meta.title) == (
        "hungyen-2021-khoi01",
        "2021",
        "Khối 01 năm 2021",
    )
    assert copied.nodes == criteria_set_of(source).nodes
    assert copied.max_total == 500
    event = AuditEvent.objects.get(action="criteria_version.copied")
    assert event.target_id == str(copy.pk)
    assert event.data == {"from": SET, "from_revision": 1}


def test_the_original_is_unchanged(administrator_client, world):
    before = CriteriaVersion.objects.get(set_id=SET).source_yaml

    administrator_client.post(URL, NEW)

    assert CriteriaVersion.objects.get(set_id=SET).source_yaml == before


def test_a_frozen_version_can_be_copied(administrator_client, world):
    answer(world)

    response = administrator_client.post(URL, NEW)

    assert response.status_code == 302
    assert CriteriaVersion.objects.filter(set_id="hungyen-2021-khoi01").exists()


def test_a_taken_identifier_is_refused_with_a_clear_message(administrator_client, world):
    response = administrator_client.post(URL, {**NEW, "set_id": "hungyen-2018-khoi02"})

    assert response.status_code == 400
    assert (
        "A version with the identifier hungyen-2018-khoi02 already exists."
        in response.content.decode()
    )
    assert CriteriaVersion.objects.count() == 3


def test_an_identifier_with_capitals_is_refused(administrator_client, world):
    response = administrator_client.post(URL, {**NEW, "set_id": "HungYen-2021"})

    assert response.status_code == 400
    assert "may hold only lower-case letters" in response.content.decode()
    assert CriteriaVersion.objects.count() == 3


def test_the_copy_form_offers_a_new_identifier_and_the_title(administrator_client, world):
    text = administrator_client.get(URL).content.decode()

    assert f'value="{SET}-copy"' in text


def test_a_copy_not_used_by_any_period_stays_off_the_front_page(
    client, administrator_client, world
):
    administrator_client.post(URL, NEW)

    assert "/criteria/hungyen-2021-khoi01/" in client.get("/criteria/").content.decode()
    assert "/criteria/hungyen-2021-khoi01/" not in client.get("/").content.decode()


def test_the_copy_keeps_the_levels_and_metadata(administrator_client, world):
    administrator_client.post(URL, NEW)

    source = document_of(criteria_set_of(CriteriaVersion.objects.get(set_id=SET)))
    copy = document_of(criteria_set_of(CriteriaVersion.objects.get(set_id=NEW["set_id"])))
    for key in ("levels", "legal_basis", "block", "reconstructed", "provenance", "sources"):
        assert copy[key] == source[key], key
