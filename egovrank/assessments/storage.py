"""Where evidence files are kept: Django's storage API, never a public URL.

The ``evidence`` entry of ``STORAGES`` is a local folder outside the static and media
roots by default (``EVIDENCE_ROOT``); an operator may point it at an S3-compatible
bucket. Files are read back only through ``assessments.views.evidence_download``, which
asks ``access.py`` first.
"""

from __future__ import annotations

from django.core.files.storage import Storage, storages

__all__ = ["evidence_storage"]


def evidence_storage() -> Storage:
    return storages["evidence"]
