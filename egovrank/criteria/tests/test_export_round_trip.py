"""A version exported and imported again is the same version."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from egovrank.criteria.actions import do_copy_version, do_edit_version
from egovrank.criteria.documents import ChangeNode
from egovrank.criteria.models import CriteriaVersion
from egovrank.criteria.versions import criteria_set_of

from .helpers import SET

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def edited(world):
    """A copy of the Khối 01 set with HT1 worth 12 points; no period uses it."""
    source = CriteriaVersion.objects.get(set_id=SET)
    copy = do_copy_version(
        source, set_id="k01-2021", version_label="2021", title="Khối 01 2021", actor=None
    )
    node = {"code": "HT1", "name": "Máy tính", "max_points": 12, "rule": {"kind": "yes_no"}}
    return do_edit_version(copy, ChangeNode("HT1", node), actor=None, revision=1)


@pytest.mark.parametrize("fmt", ["yaml", "xlsx"])
def test_an_exported_version_imports_as_the_same_set(administrator_client, edited, fmt):
    exported = administrator_client.get(f"/criteria/k01-2021.{fmt}").content
    before = criteria_set_of(edited)
    text = edited.source_yaml
    edited.delete()

    response = administrator_client.post(
        "/criteria/versions/import/", {"file": SimpleUploadedFile(f"k01-2021.{fmt}", exported)}
    )

    assert response.status_code == 302
    again = CriteriaVersion.objects.get(set_id="k01-2021")
    assert criteria_set_of(again) == before
    assert criteria_set_of(again).node("HT1").max_points == 12
    if fmt == "yaml":
        assert again.source_yaml == text
