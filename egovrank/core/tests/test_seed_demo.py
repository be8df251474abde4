import io

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command

from egovrank.accounts.models import RoleAssignment, User
from egovrank.core.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from egovrank.core.models import AuditEvent
from egovrank.orgs.models import Unit

pytestmark = pytest.mark.django_db


def seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", "--demo-installation", stdout=out)
    return out.getvalue()


def test_it_loads_the_hungyen_units_and_one_account_per_role():
    output = seed()
    assert "KHOI01" in output and "max 500" in output
    assert "189 new" in output
    assert Unit.objects.filter(block__code="KHOI01").count() == 18
    assert Unit.objects.filter(block__code="KHOI02").count() == 10
    assert Unit.objects.filter(block__code="KHOI03").count() == 161
    assert Unit.objects.get(code="11989").parent.code == "325"
    assert {a.role for a in DEMO_ACCOUNTS} == set(
        RoleAssignment.objects.values_list("role", flat=True)
    )
    assert RoleAssignment.objects.get(user__username="thamdinh.vanlam").unit.code == "325"


def test_it_can_run_twice_and_changes_nothing_the_second_time():
    seed()
    people, events = User.objects.count(), AuditEvent.objects.count()
    second = seed()
    assert "0 new, 0 changed, 189 unchanged" in second
    assert User.objects.count() == people
    assert AuditEvent.objects.count() == events


def test_the_demo_passwords_sign_in_and_are_hashed_with_argon2():
    seed()
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
    for account in DEMO_ACCOUNTS:
        assert account.username in out.getvalue()
