"""Database state shared by the tests of a wider scope than one test."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ["rolled_back_at_the_end"]


@contextmanager
def rolled_back_at_the_end(django_db_blocker: Any) -> Iterator[None]:
    """For a fixture wider than one test: what it writes to the database stays for every
    test of its scope and is rolled back after the last one, as Django's
    ``TestCase.setUpTestData`` does; each test runs in a savepoint of its own within it.
    (Not for tests with a live server, which must see committed rows.)"""
    from django.test import TestCase

    with django_db_blocker.unblock():
        # Django's own private helpers, absent from the stubs.
        atomics = TestCase._enter_atomics()  # type: ignore[attr-defined]
        try:
            yield
        finally:
            TestCase._rollback_atomics(atomics)  # type: ignore[attr-defined]
