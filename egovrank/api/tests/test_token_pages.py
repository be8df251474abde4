"""The account pages for API tokens: a signed-in person creates a token (its secret is
shown once), names and renames it, lists and revokes their own tokens, never anyone
else's."""

from __future__ import annotations

import pytest
from django.urls import reverse

from egovrank.api.models import ApiToken

from .helpers import ApiClient, api, page_as

pytestmark = pytest.mark.django_db

LIST = "api_tokens:list"


def test_it_shows_the_secret_once_when_the_token_is_created(world):
    client = page_as(world.unit_officer)
    response = client.post(reverse(LIST), {"name": "Cổng dịch vụ công"})
    assert response.status_code == 200
    secret = response.context["secret"]
    assert secret in response.content.decode()
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    token = ApiToken.objects.get(user=world.unit_officer)
    assert token.name == "Cổng dịch vụ công"
    again = client.get(reverse(LIST))
    assert secret not in again.content.decode()
    assert f"egv_{token.prefix}_…" in again.content.decode()
    # The secret works at once.
    assert ApiClient(secret).get(api("units")).status_code == 200


def test_it_asks_for_a_name(world):
    response = page_as(world.unit_officer).post(reverse(LIST), {"name": " "})
    assert response.status_code == 400
    assert not ApiToken.objects.exists()


def test_it_lists_only_the_persons_own_tokens(world):
    page_as(world.unit_head).post(reverse(LIST), {"name": "Của lãnh đạo"})
    page_as(world.unit_officer).post(reverse(LIST), {"name": "Của cán bộ"})
    listed = page_as(world.unit_officer).get(reverse(LIST)).content.decode()
    assert "Của cán bộ" in listed
    assert "Của lãnh đạo" not in listed


def test_it_renames_a_token(world):
    client = page_as(world.unit_officer)
    client.post(reverse(LIST), {"name": "Cũ"})
    token = ApiToken.objects.get()
    response = client.post(reverse("api_tokens:rename", kwargs={"pk": token.pk}), {"name": "Mới"})
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.name == "Mới"


def test_it_revokes_a_token_which_then_opens_nothing(world):
    client = page_as(world.unit_officer)
    secret = client.post(reverse(LIST), {"name": "Tạm"}).context["secret"]
    token = ApiToken.objects.get()
    response = client.post(reverse("api_tokens:revoke", kwargs={"pk": token.pk}))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert ApiClient(secret).get(api("units")).status_code == 401
    assert "revoked" in client.get(reverse(LIST)).content.decode()


def test_it_answers_404_for_someone_elses_token(world):
    page_as(world.unit_head).post(reverse(LIST), {"name": "Của lãnh đạo"})
    token = ApiToken.objects.get()
    client = page_as(world.unit_officer)
    assert client.post(reverse("api_tokens:revoke", kwargs={"pk": token.pk})).status_code == 404
    assert (
        client.post(
            reverse("api_tokens:rename", kwargs={"pk": token.pk}), {"name": "x"}
        ).status_code
        == 404
    )
    token.refresh_from_db()
    assert token.revoked_at is None and token.name == "Của lãnh đạo"


def test_the_workspace_links_to_the_tokens_page(world):
    response = page_as(world.outsider).get(reverse("front:workspace"))
    assert reverse(LIST) in response.content.decode()
