import pytest
from django.utils import translation

from egovrank.criteria.versions import ensure_shipped_versions


@pytest.fixture(autouse=True)
def stored_sets(db):
    """The front page lists the criteria-set versions stored in the database."""
    ensure_shipped_versions()


def test_it_shows_the_front_page_in_vietnamese_by_default(client):
    response = client.get("/")
    assert response.status_code == 200
    text = response.content.decode()
    assert '<html lang="vi">' in text
    assert "Đánh giá, xếp hạng mức độ Chính quyền điện tử" in text
    assert "Khối 01" in text or "Sở, ban, ngành" in text
    assert "hungyen-2018-khoi01" in text


def test_it_switches_to_english(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True)
    assert response.status_code == 200
    text = response.content.decode()
    assert '<html lang="en">' in text
    assert "Evaluation and ranking of the e-government level" in text
    translation.activate("vi")


def test_every_static_asset_is_served_by_the_app(client):
    text = client.get("/").content.decode()
    assert "https://" not in text.split("<body>")[0]  # nothing loaded from elsewhere
    response = client.get("/static/egovrank/css/app.css")
    assert response.status_code == 200


def test_the_level_thresholds_are_stated(client):
    text = client.get("/").content.decode()
    for phrase in ("Tốt", "Khá", "Trung bình", "Yếu", "85%"):
        assert phrase in text
