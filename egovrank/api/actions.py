"""Creating, renaming and revoking personal API tokens: one action each, atomic, with
its history entry in the same transaction (CONTRIBUTING.md, a change of state)."""

from __future__ import annotations

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from egovrank.accounts.models import User
from egovrank.core.audit import record

from .models import ApiToken

__all__ = [
    "SECRET_START",
    "digest",
    "do_create_token",
    "do_rename_token",
    "do_revoke_token",
    "revoke_tokens_of",
]

# Every secret reads "egv_<prefix>_<random>": the prefix finds the row, the digest of
# the whole secret proves it. The start makes a leaked secret easy to recognise.
SECRET_START = "egv_"  # noqa: S105 (a marker, not a secret)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _new_prefix() -> str:
    while True:
        prefix = secrets.token_hex(6)
        if not ApiToken.objects.filter(prefix=prefix).exists():
            return prefix


@transaction.atomic
def do_create_token(user: User, name: str, *, actor: User) -> tuple[ApiToken, str]:
    """A new token for ``user``, and its secret: the only time the secret exists
    outside the person's hands (only its digest is stored)."""
    prefix = _new_prefix()
    secret = f"{SECRET_START}{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(
        user=user, name=name.strip(), prefix=prefix, key_hash=digest(secret)
    )
    record(
        "api_token.created",
        token,
        actor=actor,
        summary=f"{user}: API token “{token.name}” ({prefix}…) created",
        data={"user": user.pk, "name": token.name, "prefix": prefix},
    )
    return token, secret


@transaction.atomic
def do_rename_token(token: ApiToken, name: str, *, actor: User) -> ApiToken:
    before = token.name
    token.name = name.strip()
    if token.name == before:
        return token
    token.save(update_fields=["name"])
    record(
        "api_token.renamed",
        token,
        actor=actor,
        summary=f"API token {token.prefix}…: “{before}” → “{token.name}”",
        data={"before": before, "after": token.name, "prefix": token.prefix},
    )
    return token


@transaction.atomic
def do_revoke_token(token: ApiToken, *, actor: User) -> ApiToken:
    """The token stops working at once; the row stays, so the list shows it revoked."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is not None:
        return token
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    record(
        "api_token.revoked",
        token,
        actor=actor,
        summary=f"{token.user}: API token “{token.name}” ({token.prefix}…) revoked",
        data={"user": token.user_id, "name": token.name, "prefix": token.prefix},
    )
    return token


@transaction.atomic
def revoke_tokens_of(user: User, **_signal: object) -> int:
    """A new password revokes every token of its person (``accounts.signals.
    password_changed``): a token made by whoever knew the old password must not
    outlive it. Returns how many were revoked."""
    tokens = list(ApiToken.objects.select_for_update().filter(user=user, revoked_at=None))
    now = timezone.now()
    for token in tokens:
        token.revoked_at = now
        token.save(update_fields=["revoked_at"])
        record(
            "api_token.revoked",
            token,
            actor=None,
            summary=f"{user}: API token “{token.name}” ({token.prefix}…) revoked: "
            "the password changed",
            data={"user": user.pk, "name": token.name, "prefix": token.prefix},
        )
    return len(tokens)
