"""Vietnamese first: the Vietnamese catalogue is complete, current, and compiles."""

import ast
import gettext
import os
import re
import shutil
import subprocess
from pathlib import Path

from django.core.management import call_command

PACKAGE = Path(__file__).resolve().parents[1]
PO = PACKAGE / "locale" / "vi" / "LC_MESSAGES" / "django.po"


def entries(path):
    """(msgid, msgstr, fuzzy) for every message of a .po file, header left out."""
    text = path.read_text(encoding="utf-8")
    for block in text.split("\n\n")[1:]:
        if "msgid" not in block or re.search(r"^#~ msgid", block, re.M):
            continue  # not a message, or an obsolete one that the code no longer uses
        head, _, tail = block.partition("msgstr")
        msgid = "".join(re.findall(r'^(?:msgid )?"(.*)"$', head, re.M))
        # A plural entry's tail starts "[0] ", a continuation line starts with the quote.
        msgstr = "".join(re.findall(r'^(?:\[\d+\])? ?"(.*)"$', tail, re.M))
        yield msgid, msgstr, "#, fuzzy" in block


def test_every_message_has_a_vietnamese_translation():
    assert [msgid for msgid, msgstr, _ in entries(PO) if not msgstr] == []


def test_no_translation_is_marked_fuzzy():
    assert [msgid for msgid, _, fuzzy in entries(PO) if fuzzy] == []


def test_the_catalogue_compiles_cleanly():
    run = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(PO)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr


def test_every_string_in_the_code_is_in_the_catalogue(tmp_path):
    # Re-extract into a copy: a string added to the code without a translation shows up
    # as a new, empty entry.
    copy = tmp_path / "egovrank"
    shutil.copytree(
        PACKAGE, copy, ignore=shutil.ignore_patterns("scoring", "__pycache__", "*.mo", "tests")
    )
    cwd = os.getcwd()
    os.chdir(copy)
    try:
        call_command("makemessages", locale=["vi"], verbosity=0)
    finally:
        os.chdir(cwd)
    fresh = copy / "locale" / "vi" / "LC_MESSAGES" / "django.po"
    missing = [msgid for msgid, msgstr, fuzzy in entries(fresh) if not msgstr or fuzzy]
    assert missing == [], "run `manage.py makemessages -l vi` in egovrank/ and translate these"


def scoring_templates():
    """(place, template) of every message the scoring core marks with ``gettext_noop``:
    the re-extraction above leaves the core out, so they are read here."""
    scoring = PACKAGE / "scoring"
    for path in sorted(scoring.rglob("*.py")):
        if "tests" in path.relative_to(scoring).parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "gettext_noop"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                yield f"{path.relative_to(PACKAGE)}:{node.lineno}", node.args[0].value


def test_the_scoring_cores_messages_are_found():
    templates = dict(scoring_templates())
    assert len(templates) > 50
    assert "%(file)s, line %(line)s" in templates.values()


def test_every_message_of_the_scoring_core_has_a_vietnamese_translation():
    # The compiled catalogue, as the pages read it (core/said.py translates the core's
    # messages by their template).
    with (PO.parent / "django.mo").open("rb") as mo:
        catalogue = gettext.GNUTranslations(mo)
    missing = [
        f"{place}: {template}"
        for place, template in scoring_templates()
        if template not in catalogue._catalog or not catalogue._catalog[template]
    ]
    assert missing == [], "translate these in locale/vi/LC_MESSAGES/django.po"
