"""Personal API tokens: a request carrying one acts as its person, with exactly their
roles; only the digest of the secret is stored; revoked, unknown or malformed tokens and
the tokens of inactive people are refused (401) alike."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from egovrank.api.actions import do_create_token, do_rename_token, do_revoke_token
from egovrank.api.models import ApiToken
from egovrank.core.models import AuditEvent

from .helpers import ApiClient, api, codes_of

pytestmark = pytest.mark.django_db


def test_it_acts_as_the_person_of_the_token(world):
    _token, secret = do_create_token(world.district_reviewer, "scripts", actor=None)
    response = ApiClient(secret).get(api("units"))
    assert response.status_code == 200
    codes = {unit["code"] for unit in response.json()["results"]}
    assert codes == {"325", "11989", "11992"}  # Văn Lâm and its communes only


def test_it_gives_the_token_exactly_the_persons_roles(world):
    _token, secret = do_create_token(world.unit_officer, "scripts", actor=None)
    response = ApiClient(secret).get(api("results", year=2019))
    assert response.status_code == 403
    assert codes_of(response) == [("", "permission_denied")]


def test_it_stores_only_the_digest_of_the_secret(world):
    token, secret = do_create_token(world.unit_officer, "scripts", actor=None)
    stored = ApiToken.objects.get(pk=token.pk)
    assert secret.startswith(f"egv_{stored.prefix}_")
    assert stored.key_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in {stored.key_hash, stored.prefix, stored.name}


def test_it_refuses_a_revoked_token(world):
    token, secret = do_create_token(world.unit_officer, "scripts", actor=None)
    do_revoke_token(token, actor=world.unit_officer)
    response = ApiClient(secret).get(api("units"))
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert codes_of(response) == [("", "authentication_failed")]


def test_it_refuses_a_wrong_secret_with_a_real_prefix(world):
    token, secret = do_create_token(world.unit_officer, "scripts", actor=None)
    forged = f"egv_{token.prefix}_{'x' * 43}"
    assert forged != secret
    assert ApiClient(forged).get(api("units")).status_code == 401


@pytest.mark.parametrize("header", ["Token", "Token a b", "Token egv_", "Token nothing"])
def test_it_refuses_a_malformed_token(world, header):
    client = ApiClient()
    response = client.client.get(api("units"), HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response.json()["errors"][0]["code"] == "authentication_failed"


def test_it_refuses_the_token_of_an_inactive_person(world):
    _token, secret = do_create_token(world.unit_officer, "scripts", actor=None)
    world.unit_officer.is_active = False
    world.unit_officer.save()
    assert ApiClient(secret).get(api("units")).status_code == 401


def test_it_asks_anonymous_callers_to_authenticate(world):
    response = ApiClient().get(api("units"))
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert codes_of(response) == [("", "not_authenticated")]


def test_it_records_when_a_token_was_last_used_at_most_once_a_minute(world):
    token, secret = do_create_token(world.unit_officer, "scripts", actor=None)
    client = ApiClient(secret)
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        client.get(api("units"))
        first = ApiToken.objects.get(pk=token.pk).last_used_at
        assert first is not None
        traveller.shift(timedelta(seconds=30))
        client.get(api("units"))
        assert ApiToken.objects.get(pk=token.pk).last_used_at == first
        traveller.shift(timedelta(seconds=31))
        client.get(api("units"))
        assert ApiToken.objects.get(pk=token.pk).last_used_at > first


def test_it_keeps_the_history_of_each_token(world):
    officer = world.unit_officer
    token, _secret = do_create_token(officer, "scripts", actor=officer)
    do_rename_token(token, "Thống kê DVC", actor=officer)
    do_revoke_token(token, actor=officer)
    do_revoke_token(token, actor=officer)  # a second revocation changes nothing
    events = AuditEvent.objects.filter(target_type="api.apitoken", target_id=str(token.pk))
    assert list(events.order_by("at", "id").values_list("action", flat=True)) == [
        "api_token.created",
        "api_token.renamed",
        "api_token.revoked",
    ]
    assert all(event.actor == officer for event in events)
    assert events.get(action="api_token.created").data["prefix"] == token.prefix
