"""Settings for the test suite: the real settings with a throwaway secret key.

Everything else (notably DATABASE_URL, which .ci/run points at PostgreSQL) still comes
from the environment, so tests run against the configuration under test.
"""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-secret-key")
# Evidence files written by tests land in a throwaway folder, never in var/.
os.environ.setdefault("EVIDENCE_ROOT", tempfile.mkdtemp(prefix="egovrank-test-evidence-"))

from egovrank.settings import *  # noqa: E402, F403
