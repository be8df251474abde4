"""Start-up refuses an unsafe production configuration; defaults suit a new user."""

import os
import subprocess
import sys

from django.conf import settings


def start(env_overrides):
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "DATABASE_URL"}}
    env.update(env_overrides)
    code = "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='egovrank.settings'; django.setup(); from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])"
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )


def test_production_without_a_secret_key_refuses_to_start():
    run = start({})
    assert run.returncode != 0
    assert "SECRET_KEY (or SECRET_KEY_FILE) is required" in run.stderr


def test_the_default_database_is_a_sqlite_file_under_var():
    run = start({"DEBUG": "1"})
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "django.db.backends.sqlite3"


def test_database_url_selects_postgresql():
    run = start({"DEBUG": "1", "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/x"})
    assert run.stdout.strip() == "django.db.backends.postgresql"


def test_time_zone_and_languages_suit_vietnam():
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert settings.USE_TZ is True
    assert settings.LANGUAGE_CODE == "vi"
    assert [code for code, _ in settings.LANGUAGES] == ["vi", "en"]
