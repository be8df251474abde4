from egovrank.scoring.catalogue import packaged_set
from egovrank.scoring.fileformat.xlsx_io import criteria_set_from_xlsx
from egovrank.scoring.fileformat.yaml_io import loads_criteria_set


def test_the_list_shows_every_shipped_set(client):
    text = client.get("/criteria/").content.decode()
    for set_id in ("hungyen-2018-khoi01", "hungyen-2018-khoi02", "hungyen-2018-khoi03"):
        assert f"/criteria/{set_id}/" in text


def test_a_set_page_shows_its_tree_rules_and_maximum(client):
    response = client.get("/criteria/hungyen-2018-khoi01/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Hạ tầng kỹ thuật công nghệ thông tin" in text
    assert "<strong>500</strong>" in text
    assert "2749/QĐ-UBND" in text
    assert "tỷ lệ trên 100% tính 100%" in text  # rule described in words
    assert "suy luận" in text or "inferred" in text  # reconstructed parts are flagged


def test_an_unknown_set_is_not_found(client):
    assert client.get("/criteria/no-such-set/").status_code == 404
    assert client.get("/criteria/no-such-set.yaml").status_code == 404


def test_the_yaml_download_is_the_shipped_file(client):
    response = client.get("/criteria/hungyen-2018-khoi02.yaml")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="hungyen-2018-khoi02.yaml"'
    assert loads_criteria_set(response.content.decode()) == packaged_set("hungyen-2018-khoi02")


def test_the_excel_download_reads_back_as_the_same_set(client):
    response = client.get("/criteria/hungyen-2018-khoi03.xlsx")
    assert response.status_code == 200
    assert criteria_set_from_xlsx(response.content, "x.xlsx") == packaged_set("hungyen-2018-khoi03")
