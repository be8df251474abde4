"""Vietnamese first: the Vietnamese catalogue is complete, current, and compiles."""

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
