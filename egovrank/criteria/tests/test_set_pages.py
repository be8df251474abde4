"""The public pages of the stored versions: the list, one version, its downloads."""

from egovrank.criteria.models import CriteriaVersion
from egovrank.scoring.catalogue import packaged_set, packaged_set_text
from egovrank.scoring.fileformat.xlsx_io import criteria_set_from_xlsx
from egovrank.scoring.fileformat.yaml_io import loads_criteria_set

from .helpers import answer


def test_the_list_shows_every_stored_version_grouped_by_block(client, shipped):
    text = client.get("/criteria/").content.decode()
    for set_id in ("hungyen-2018-khoi01", "hungyen-2018-khoi02", "hungyen-2018-khoi03"):
        assert f"/criteria/{set_id}/" in text
    for block in ("KHOI01", "KHOI02", "KHOI03"):
        assert f"({block})</h2>" in text
    assert "dựng lại" in text  # reconstructed sets are flagged


def test_the_list_says_which_versions_are_used_and_frozen(client, world, english):
    text = client.get("/criteria/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert text.count("used in 2019") == 3
    assert 'class="badge badge--frozen"' not in text

    answer(world)  # any answer in the 2019 period freezes every version it uses
    text = client.get("/criteria/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert text.count('class="badge badge--frozen"') == 3


def test_the_list_shows_only_what_is_stored(client, db):
    CriteriaVersion.objects.all().delete()
    text = client.get("/criteria/").content.decode()
    assert "/criteria/hungyen-2018-khoi01/" not in text


def test_a_set_page_shows_its_tree_rules_and_maximum(client, shipped):
    response = client.get("/criteria/hungyen-2018-khoi01/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Hạ tầng kỹ thuật công nghệ thông tin" in text
    assert "<strong>500</strong>" in text
    assert "2749/QĐ-UBND" in text
    assert "tỷ lệ trên 100% tính 100%" in text  # rule described in words
    assert "suy luận" in text or "inferred" in text  # reconstructed parts are flagged


def test_an_unknown_set_is_not_found(client, shipped):
    assert client.get("/criteria/no-such-set/").status_code == 404
    assert client.get("/criteria/no-such-set.yaml").status_code == 404
    assert client.get("/criteria/no-such-set.xlsx").status_code == 404


def test_the_yaml_download_is_the_stored_text(client, shipped):
    response = client.get("/criteria/hungyen-2018-khoi02.yaml")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="hungyen-2018-khoi02.yaml"'
    assert response.content.decode() == packaged_set_text("hungyen-2018-khoi02")
    assert loads_criteria_set(response.content.decode()) == packaged_set("hungyen-2018-khoi02")


def test_the_excel_download_reads_back_as_the_same_set(client, shipped):
    response = client.get("/criteria/hungyen-2018-khoi03.xlsx")
    assert response.status_code == 200
    assert criteria_set_from_xlsx(response.content, "x.xlsx") == packaged_set("hungyen-2018-khoi03")


def test_the_front_page_lists_the_versions_the_latest_period_uses(client, world):
    text = client.get("/").content.decode()
    for set_id in ("hungyen-2018-khoi01", "hungyen-2018-khoi02", "hungyen-2018-khoi03"):
        assert f"/criteria/{set_id}/" in text
