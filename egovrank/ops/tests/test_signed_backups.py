"""A backup is signed: an HMAC-SHA256 over its manifest with BACKUP_SIGNING_KEY, a key
kept outside the archive. The manifest holds the SHA-256 of every other member, so the
signature covers them all: whoever edits an archive and recomputes its checksums (every
user made superuser) cannot sign it again, and the restore refuses it. Unsigned archives
are restored only when the operator says so."""

import hashlib
import hmac
import json
import zipfile

import pytest
from django.core.management import CommandError, call_command

from egovrank.ops import backup

from .helpers import empty_installation, files_present, manifest_of, out, rewrite, table_rows

pytestmark = pytest.mark.django_db(transaction=True)

OTHER_KEY = "another-installation-s-backup-signing-key-5f2a9c"


def restore(path, **options):
    output, errors = out(), out()
    call_command("restore", str(path), stdout=output, stderr=errors, **options)
    return output.getvalue() + errors.getvalue()


def everyone_superuser(name, data):
    if name != "data/accounts.user.jsonl":
        return data
    rows = [json.loads(line) for line in data.splitlines()]
    for row in rows:
        row["is_superuser"] = row["is_staff"] = True
    return b"".join(json.dumps(row, ensure_ascii=False).encode() + b"\n" for row in rows)


def rehashed(source, target, change, *, signature=None):
    """What someone with the archive but without the key can make: members changed, the
    manifest's checksums and its own SHA-256 recomputed; the signature kept, dropped
    (``signature=b""``) or replaced."""
    edited = {}

    def members(name, data):
        changed = change(name, data)
        edited[name] = changed
        return changed

    rewrite(source, target, members)
    manifest = manifest_of(target)
    for name, data in edited.items():
        if name in manifest["members"]:
            manifest["members"][name] = hashlib.sha256(data).hexdigest()
    text = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode()

    def resealed(name, data):
        if name == "manifest.json":
            return text
        if name == "manifest.sha256":
            return hashlib.sha256(text).hexdigest().encode() + b"\n"
        if name == "manifest.hmac" and signature is not None:
            return signature(text) or None
        return data

    staged = target.with_name(target.stem + "-staged.zip")
    target.rename(staged)
    rewrite(staged, target, resealed)
    staged.unlink()


def test_an_edited_and_rehashed_archive_is_refused_and_nothing_is_written(
    archive, tmp_path, settings, monkeypatch
):
    # One installation for every case: building it is the slow part.
    path, _rows, files = archive
    with zipfile.ZipFile(path) as zipped:
        text = zipped.read("manifest.json")
        signature = zipped.read("manifest.hmac").decode().strip()
    key = settings.BACKUP_SIGNING_KEY.encode()
    assert signature == "hmac-sha256:" + hmac.new(key, text, hashlib.sha256).hexdigest()
    superusers = tmp_path / "superusers.zip"
    rehashed(path, superusers, everyone_superuser)
    stripped = tmp_path / "stripped.zip"
    rehashed(path, stripped, everyone_superuser, signature=lambda text: b"")
    other = tmp_path / "other-key.zip"
    rehashed(
        path,
        other,
        everyone_superuser,
        signature=lambda text: (
            "hmac-sha256:" + hmac.new(OTHER_KEY.encode(), text, hashlib.sha256).hexdigest()
        ).encode(),
    )
    garbled = tmp_path / "garbled.zip"
    rehashed(path, garbled, lambda name, data: data, signature=lambda text: b"hmac-sha256:zz")
    empty_installation(list(files))
    emptied = table_rows()
    refusals = {
        superusers: "the manifest's signature does not match BACKUP_SIGNING_KEY",
        other: "the manifest's signature does not match BACKUP_SIGNING_KEY",
        garbled: "the manifest's signature does not match BACKUP_SIGNING_KEY",
        stripped: "the archive is not signed",
    }
    for variant, message in refusals.items():
        with pytest.raises(CommandError) as refusal:
            restore(variant)
        assert refusal.value.returncode == 2, variant.name
        assert message in str(refusal.value), variant.name
        assert "nothing was restored" in str(refusal.value), variant.name
        assert table_rows() == emptied, variant.name
        assert files_present(list(files)) == [], variant.name
    # Accepting unsigned archives does not accept a wrong signature.
    with pytest.raises(CommandError, match="signature does not match"):
        restore(superusers, accept_unsigned=True)
    assert table_rows() == emptied
    # The archive as it was made, with another installation's key, or none.
    settings.BACKUP_SIGNING_KEY = OTHER_KEY
    with pytest.raises(CommandError, match="or it was signed with another key"):
        restore(path)
    settings.BACKUP_SIGNING_KEY = ""
    with pytest.raises(CommandError) as refusal:
        restore(path)
    assert "the archive is signed, but BACKUP_SIGNING_KEY is not set here" in str(refusal.value)
    assert table_rows() == emptied
    # A manifest is read bounded: past the cap it is refused before it is checked.
    settings.BACKUP_SIGNING_KEY = key.decode()
    monkeypatch.setattr(backup, "MANIFEST_MAX_BYTES", len(text) - 1)
    with pytest.raises(CommandError, match="manifest.json holds more than"):
        restore(path)
    assert table_rows() == emptied
    monkeypatch.undo()
    # With its own key, it restores.
    assert ", signed." in restore(path)


def test_without_a_key_a_backup_is_refused_unless_unsigned_is_asked_for(
    transactional_db, settings, tmp_path
):
    # An empty installation is enough: signing does not depend on what the archive holds.
    settings.BACKUP_SIGNING_KEY = ""
    path = tmp_path / "unsigned.zip"
    with pytest.raises(CommandError) as refusal:
        call_command("backup", str(path), stdout=out(), stderr=out())
    assert refusal.value.returncode == 2
    assert "BACKUP_SIGNING_KEY is not set" in str(refusal.value)
    assert "--unsigned" in str(refusal.value)
    assert not path.exists()

    call_command("backup", str(path), unsigned=True, stdout=out(), stderr=out())
    with zipfile.ZipFile(path) as zipped:
        assert "manifest.hmac" not in zipped.namelist()
    settings.BACKUP_SIGNING_KEY = OTHER_KEY
    with pytest.raises(CommandError) as refusal:
        restore(path)
    assert "the archive is not signed" in str(refusal.value)
    assert "--accept-unsigned" in str(refusal.value)
    printed = restore(path, accept_unsigned=True)
    assert "Restored" in printed
    assert "Warning: the archive is not signed" in printed
