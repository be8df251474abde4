"""Editing a version's description and its levels."""

from decimal import Decimal

import pytest

from egovrank.core.models import AuditEvent
from egovrank.criteria.forms import LevelForm, MetaForm
from egovrank.criteria.versions import criteria_set_of
from egovrank.scoring.fileformat.build import document_of

from .helpers import SET, as_post, fresh

pytestmark = pytest.mark.usefixtures("english")


def meta_data(**changes):
    version = fresh()
    return as_post(
        {**MetaForm.initial_of(document_of(criteria_set_of(version)), version.revision), **changes}
    )


def levels_data(levels, revision=1):
    data = {
        "revision": revision,
        "form-TOTAL_FORMS": len(levels),
        "form-INITIAL_FORMS": 4,
        "form-MIN_NUM_FORMS": 0,
        "form-MAX_NUM_FORMS": 1000,
    }
    for index, level in enumerate(levels):
        for key, value in level.items():
            data[f"form-{index}-{key}"] = value
    return data


def shipped_levels():
    return [
        LevelForm.initial_of(level) for level in document_of(criteria_set_of(fresh()))["levels"]
    ]


def test_it_changes_the_title_version_and_decision(administrator_client, world):
    data = meta_data(
        title="Khối 01 (sửa đổi)",
        version="2018.1",
        legal_date="2019-01-02",
        sources="Nguồn A\nNguồn B",
    )

    response = administrator_client.post(f"/criteria/{SET}/edit/details/", data)

    assert response.status_code == 302
    version = fresh()
    assert (version.title, version.version) == ("Khối 01 (sửa đổi)", "2018.1")
    meta = criteria_set_of(version).meta
    assert dict(meta.legal_basis)["date"] == "2019-01-02"
    assert dict(meta.legal_basis)["number"] == "2749/QĐ-UBND"
    assert meta.sources == ("Nguồn A", "Nguồn B")
    assert meta.id == SET  # the identifier stays
    event = AuditEvent.objects.get(action="criteria_version.metadata_changed")
    assert event.data["before"]["version"] == "2018"
    assert event.data["after"]["version"] == "2018.1"


def test_a_block_name_without_a_code_is_refused_at_the_code(administrator_client, world):
    response = administrator_client.post(f"/criteria/{SET}/edit/details/", meta_data(block_code=""))

    assert response.status_code == 400
    assert 'id="id_block_code_error"' in response.content.decode()
    assert fresh().block_code == "KHOI01"


def test_it_changes_a_level_threshold(administrator_client, world):
    levels = shipped_levels()
    levels[0]["min_percent"] = "90"

    response = administrator_client.post(f"/criteria/{SET}/edit/levels/", levels_data(levels))

    assert response.status_code == 302
    assert criteria_set_of(fresh()).levels.levels[0].min_percent == Decimal(90)
    assert AuditEvent.objects.filter(action="criteria_version.levels_changed").exists()


def test_it_deletes_a_level(administrator_client, world):
    levels = shipped_levels()
    levels[2]["DELETE"] = "on"

    administrator_client.post(f"/criteria/{SET}/edit/levels/", levels_data(levels))

    assert [level.code for level in criteria_set_of(fresh()).levels.levels] == ["tot", "kha", "yeu"]


def test_levels_out_of_order_are_refused_at_the_level(administrator_client, world):
    levels = shipped_levels()
    levels[1]["min_percent"] = "95"

    response = administrator_client.post(f"/criteria/{SET}/edit/levels/", levels_data(levels))

    assert response.status_code == 400
    assert 'id="id_form-1-min_percent_error"' in response.content.decode()
    assert fresh().revision == 1
