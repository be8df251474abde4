import io

from django.core.management import call_command


def test_it_reports_the_shipped_sets_and_can_run_twice():
    first, second = io.StringIO(), io.StringIO()
    call_command("seed_demo", stdout=first)
    call_command("seed_demo", stdout=second)
    assert first.getvalue() == second.getvalue()
    assert "KHOI01" in first.getvalue() and "max 500" in first.getvalue()


def test_it_lists_the_demo_accounts_on_request():
    out = io.StringIO()
    call_command("seed_demo", "--accounts", stdout=out)
    assert "Demo accounts" in out.getvalue()
