"""seed_demo's accounts and its refusal, on an empty database."""

import io

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command

from egovrank.accounts.models import User
from egovrank.demo.hungyen import DEMO_ACCOUNTS, DEMO_PASSWORD, load_demo
from egovrank.demo.hungyen2025 import DEMO_ACCOUNTS_2025

pytestmark = pytest.mark.django_db


def test_the_demo_passwords_sign_in_and_are_hashed_with_argon2():
    load_demo()  # what sets them; the rest of the demo plays no part
    for account in DEMO_ACCOUNTS[:2]:
        person = authenticate(username=account.username, password=DEMO_PASSWORD)
        assert person is not None
        assert person.password.startswith("argon2$")


def test_it_refuses_to_run_outside_a_demo_installation(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="demo installation"):
        call_command("seed_demo", stdout=io.StringIO())
    assert not User.objects.exists()


def test_it_lists_the_demo_accounts_on_request():
    out = io.StringIO()
    call_command("seed_demo", "--accounts", stdout=out)
    assert DEMO_PASSWORD in out.getvalue()
    for account in [*DEMO_ACCOUNTS, *DEMO_ACCOUNTS_2025]:
        assert account.username in out.getvalue()
