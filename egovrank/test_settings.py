"""Settings for the test suite: the real settings with a throwaway secret key.

Everything else (notably DATABASE_URL, which .ci/run points at PostgreSQL) still comes
from the environment, so tests run against the configuration under test.
"""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-secret-key")
os.environ.setdefault("BACKUP_SIGNING_KEY", "test-only-backup-signing-key-7c1e4b9a2d")
# Evidence files written by tests land in a throwaway folder, never in var/.
os.environ.setdefault("EVIDENCE_ROOT", tempfile.mkdtemp(prefix="egovrank-test-evidence-"))

from egovrank.settings import *  # noqa: E402, F403

# On SQLite the test database is a file, not memory: an in-memory database is one
# connection shared by every thread, so two requests the live server handles at once
# (a form saving two criteria) would run inside each other's transaction.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(tempfile.mkdtemp(prefix="egovrank-test-db-"), "test.sqlite3")
    }

# WhiteNoise serves the static files as it does in development (DEBUG, `make run`): each
# file is found when asked for. Scanning every file at start, as production does, would
# run for every test client, since each builds its own middleware: 70 ms a request, most
# of the permission matrix's time. Production's way is tested under gunicorn
# (tests/test_production_server.py).
WHITENOISE_AUTOREFRESH = True
