"""The language links (front/language.py): a GET that sets the language cookie and
goes back to the page it came from, on this site only."""

import pytest


@pytest.fixture(autouse=True)
def _db(db):
    pass


def test_a_link_sets_the_language_and_goes_back(client, settings):
    response = client.get("/language/en/?next=/published/?year=2019")
    assert response.status_code == 302
    assert response["Location"] == "/published/?year=2019"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert '<html lang="en">' in client.get("/").content.decode()
    assert client.get("/language/vi/?next=/").cookies[settings.LANGUAGE_COOKIE_NAME].value == "vi"


@pytest.mark.parametrize(
    "back", ["https://evil.example/", "//evil.example/", "javascript:alert(1)", ""]
)
def test_it_never_sends_the_reader_to_another_site(client, back):
    response = client.get("/language/en/", {"next": back})
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_an_unknown_language_is_not_found_and_sets_nothing(client):
    response = client.get("/language/xx/?next=/")
    assert response.status_code == 404
    assert not response.cookies


def test_the_pages_offer_each_language_in_its_own_name(client):
    page = client.get("/published/").content.decode()
    assert 'lang="en" hreflang="en" rel="nofollow">English</a>' in page
    assert 'hreflang="vi" rel="nofollow" aria-current="true">' in page  # the one in use
