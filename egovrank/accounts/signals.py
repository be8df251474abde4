"""What happens to a person that higher floors act on (docs/architecture.md: signals
are for "something happened")."""

from django.dispatch import Signal

__all__ = ["password_changed"]

# Sent after a person's new password is saved, whoever set it (the person, an
# administrator, a reset link, a command), with ``user``. The API revokes their tokens.
password_changed = Signal()
