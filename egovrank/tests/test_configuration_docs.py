"""Every environment variable the settings read is documented (healthchecks' rule)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def variables_read_by_settings():
    text = (ROOT / "egovrank" / "settings.py").read_text(encoding="utf-8")
    return set(re.findall(r'env_(?:str|bool|int|list|secret)\("([A-Z_]+)"', text))


def test_the_settings_read_some_variables():
    assert {"DEBUG", "SECRET_KEY", "DATABASE_URL"} <= variables_read_by_settings()


def test_every_variable_is_in_the_configuration_guide():
    guide = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    assert sorted(v for v in variables_read_by_settings() if f"`{v}`" not in guide) == []


def test_every_variable_is_in_the_example_environment():
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    assert sorted(v for v in variables_read_by_settings() if f"{v}=" not in example) == []
