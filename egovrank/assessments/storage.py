"""Where evidence files are kept: Django's storage API, never a public URL.

The ``evidence`` entry of ``STORAGES`` is a local folder outside the static and media
roots by default (``EVIDENCE_ROOT``); an operator may point it at an S3-compatible
bucket instead (``EVIDENCE_STORAGE=s3``, docs/deploy.md), which then holds them through
``PrivateS3Storage``. Either way files are read back only through
``assessments.views.download_file``, which asks ``access.py`` first and streams the
file through the app: the bucket stays private and no link to it is ever handed out.
"""

from __future__ import annotations

from typing import Any

from django.core.files.storage import Storage, storages

__all__ = ["PRIVATE_S3_OPTIONS", "evidence_storage"]  # and PrivateS3Storage, on first use

# What keeps a bucket's evidence private, whatever the other options say:
PRIVATE_S3_OPTIONS = {
    # No ACL is sent: each object takes the bucket's own (private) default, never
    # "public-read".
    "default_acl": None,
    # url() can only sign, and a signed link ends after five minutes (the app itself
    # never asks for one); a custom domain would give unsigned links.
    "querystring_auth": True,
    "querystring_expire": 300,
    # Signature version 4: what Amazon requires and every S3-compatible service accepts.
    "signature_version": "s3v4",
    "custom_domain": None,
    # Stored names are random; a clash must give a new name, never replace another
    # unit's file.
    "file_overwrite": False,
}


def evidence_storage() -> Storage:
    return storages["evidence"]


def __getattr__(name: str) -> Any:
    """``PrivateS3Storage``, built on first use: STORAGES names it by its dotted path, so
    an installation keeping evidence on disk never imports boto3 (half a second and
    some 30 MB in every process)."""
    if name != "PrivateS3Storage":
        raise AttributeError(name)
    from storages.backends.s3 import S3Storage

    class PrivateS3Storage(S3Storage):  # type: ignore[misc]
        """S3Storage with ``PRIVATE_S3_OPTIONS`` imposed."""

        def __init__(self, **options: Any) -> None:
            super().__init__(**{**options, **PRIVATE_S3_OPTIONS})

    PrivateS3Storage.__module__ = __name__
    PrivateS3Storage.__qualname__ = name
    globals()[name] = PrivateS3Storage
    return PrivateS3Storage
