import pytest
from django.core.exceptions import ImproperlyConfigured

from egovrank.core.env import env_bool, env_int, env_list, env_secret, env_str


def test_it_reads_booleans_in_the_usual_spellings(monkeypatch):
    for raw, expected in [
        ("1", True),
        ("yes", True),
        ("On", True),
        ("0", False),
        ("false", False),
        ("", False),
    ]:
        monkeypatch.setenv("X_FLAG", raw)
        assert env_bool("X_FLAG", not expected) is expected


def test_it_uses_the_default_when_unset(monkeypatch):
    monkeypatch.delenv("X_FLAG", raising=False)
    assert env_bool("X_FLAG", True) is True
    assert env_int("X_NUM", 7) == 7
    assert env_list("X_LIST", ["a"]) == ["a"]


def test_a_bad_boolean_stops_start_up_naming_the_variable(monkeypatch):
    monkeypatch.setenv("X_FLAG", "perhaps")
    with pytest.raises(ImproperlyConfigured, match="X_FLAG"):
        env_bool("X_FLAG", False)


def test_a_bad_number_stops_start_up_naming_the_variable(monkeypatch):
    monkeypatch.setenv("X_NUM", "ten")
    with pytest.raises(ImproperlyConfigured, match="X_NUM must be a whole number"):
        env_int("X_NUM", 1)
    monkeypatch.setenv("X_NUM", "-1")
    with pytest.raises(ImproperlyConfigured, match="at least 0"):
        env_int("X_NUM", 1, minimum=0)


def test_lists_are_comma_separated(monkeypatch):
    monkeypatch.setenv("X_LIST", "a.example, b.example,,")
    assert env_list("X_LIST", []) == ["a.example", "b.example"]


def test_a_secret_can_come_from_a_file(monkeypatch, tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("s3cret\n", encoding="utf-8")
    monkeypatch.delenv("X_SECRET", raising=False)
    monkeypatch.setenv("X_SECRET_FILE", str(secret))
    assert env_secret("X_SECRET") == "s3cret"


def test_a_secret_given_twice_is_refused(monkeypatch, tmp_path):
    monkeypatch.setenv("X_SECRET", "a")
    monkeypatch.setenv("X_SECRET_FILE", str(tmp_path / "f"))
    with pytest.raises(ImproperlyConfigured, match="not both"):
        env_secret("X_SECRET")


def test_an_unreadable_secret_file_is_refused(monkeypatch, tmp_path):
    monkeypatch.delenv("X_SECRET", raising=False)
    monkeypatch.setenv("X_SECRET_FILE", str(tmp_path / "missing"))
    with pytest.raises(ImproperlyConfigured, match="cannot read"):
        env_secret("X_SECRET")


def test_a_string_with_choices_takes_one_of_them(monkeypatch):
    monkeypatch.setenv("X_KIND", "s3")
    assert env_str("X_KIND", "disk", choices=("disk", "s3")) == "s3"
    monkeypatch.delenv("X_KIND")
    assert env_str("X_KIND", "disk", choices=("disk", "s3")) == "disk"


def test_a_string_outside_its_choices_stops_start_up_naming_the_variable(monkeypatch):
    monkeypatch.setenv("X_KIND", "S3")
    with pytest.raises(ImproperlyConfigured, match=r"X_KIND must be one of disk, s3 \(got 'S3'\)"):
        env_str("X_KIND", "disk", choices=("disk", "s3"))
