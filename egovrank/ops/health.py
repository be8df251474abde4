"""What a load balancer asks before sending people to this app process: does the
database answer, is every migration applied, does the evidence storage take a file.

Each check answers "ok" or a short reason that names no host, path, user or password;
the full error goes to the log, for the operators."""

from __future__ import annotations

import logging
import uuid

from django.core.files.base import ContentFile
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor

from egovrank.assessments.storage import evidence_storage

__all__ = ["OK", "checks"]

OK = "ok"
logger = logging.getLogger(__name__)


def _database(using: str) -> str:
    try:
        with connections[using].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("health check: the database does not answer")
        return "failing: the database does not answer"
    return OK


def _migrations(using: str) -> str:
    connection = connections[using]
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if not plan:
        return OK
    names = [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]
    shown = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
    return f"not applied: {shown}"


def _evidence_storage() -> str:
    storage = evidence_storage()
    try:
        name = storage.save(f".healthz-{uuid.uuid4().hex}", ContentFile(b"ok"))
        storage.delete(name)
    except Exception:  # any backend's failure (OSError, botocore's …) is the answer
        logger.exception("health check: the evidence storage takes no file")
        return "failing: cannot write a file"
    return OK


def checks(using: str = DEFAULT_DB_ALIAS) -> dict[str, str]:
    """Every check's answer, by name."""
    answers: dict[str, str] = {"database": _database(using)}
    if answers["database"] == OK:
        try:
            answers["migrations"] = _migrations(using)
        except DatabaseError:
            logger.exception("health check: the applied migrations cannot be read")
            answers["migrations"] = "failing: cannot read the applied migrations"
    else:
        answers["migrations"] = "not checked: no database"
    answers["evidence_storage"] = _evidence_storage()
    return answers
