"""Downloads of the published tables, for anyone, no sign-in: the year's announcement as
Excel, PDF and JSON open data (every block), and one block as CSV.

Read only from the year's latest publication (a correction supersedes the earlier ones),
never recomputed; a year without publication, or a block it does not have, is 404. A
publication never changes, so each file is drawn once and kept in the cache
(``snapshot``), and carries an ETag and Last-Modified from it: a browser or proxy that
already has it gets 304 without the file being sent again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import content_disposition_header, http_date
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from egovrank.core.documents import docx as docx_writer
from egovrank.core.documents import pdf as pdf_writer
from egovrank.core.documents.model import Document
from egovrank.results.models import Publication

from . import snapshot
from .access import access_block, access_year
from .exports import csv as csv_export
from .exports import json as json_export
from .exports import pdf as pdf_export
from .exports import xlsx as xlsx_export
from .exports.official import announcement_document
from .exports.source import file_name, from_publication

__all__ = ["announcement_docx", "announcement_pdf", "csv", "json", "pdf", "xlsx"]

ANNOUNCEMENT_STEM = "thong-bao-ket-qua"
# Short enough that a correction reaches readers soon; revalidating costs one query.
MAX_AGE = 300


@require_safe
def xlsx(request: HttpRequest, year: int) -> HttpResponse:
    return _download(
        request,
        year,
        "xlsx",
        xlsx_export.CONTENT_TYPE,
        lambda publication: xlsx_export.render_xlsx(from_publication(publication)),
    )


@require_safe
def pdf(request: HttpRequest, year: int) -> HttpResponse:
    return _download(
        request,
        year,
        "pdf",
        pdf_export.CONTENT_TYPE,
        lambda publication: pdf_export.render_pdf(from_publication(publication)),
    )


@require_safe
def announcement_docx(request: HttpRequest, year: int) -> HttpResponse:
    """The lead agency's announcement as a Word draft to edit and sign."""
    return _download(
        request,
        year,
        "docx",
        docx_writer.CONTENT_TYPE,
        lambda publication: docx_writer.render_docx(_announcement(publication)),
        stem=ANNOUNCEMENT_STEM,
    )


@require_safe
def announcement_pdf(request: HttpRequest, year: int) -> HttpResponse:
    """The same draft as a PDF, to read before editing."""
    return _download(
        request,
        year,
        "pdf",
        pdf_writer.CONTENT_TYPE,
        lambda publication: pdf_writer.render_pdf(_announcement(publication)),
        stem=ANNOUNCEMENT_STEM,
    )


def _announcement(publication: Publication) -> Document:
    # The state's documents are in Vietnamese whatever language the reader browses in.
    with translation.override("vi"):
        return announcement_document(from_publication(publication))


@require_safe
def json(request: HttpRequest, year: int) -> HttpResponse:
    return _download(
        request,
        year,
        "json",
        json_export.CONTENT_TYPE,
        lambda publication: json_export.render_json(
            from_publication(publication, with_shares=True, with_links=True)
        ),
    )


@require_safe
def csv(request: HttpRequest, year: int, block: str) -> HttpResponse:
    return _download(
        request,
        year,
        "csv",
        csv_export.CONTENT_TYPE,
        lambda publication: csv_export.render_csv(from_publication(publication, only=[block])),
        block=block,
    )


@dataclass(frozen=True)
class _File:
    etag: str
    last_modified: int
    name: str
    body: bytes


def _download(
    request: HttpRequest,
    year: int,
    suffix: str,
    content_type: str,
    render: Callable[[Publication], bytes],
    *,
    block: str = "",
    stem: str = "",
) -> HttpResponse:
    """The file as an attachment, or 304 when the asker already has this publication's.
    Drawn once per publication and language (``snapshot``); a 304 draws nothing."""

    def draw() -> _File:
        publication = access_year(year)
        if block:
            access_block(publication, block)
        # The workbook's and the PDF's words follow the language, so it is part of the tag.
        tag = f"{publication.pk}-{publication.number}-{stem}{suffix}-{block}-{get_language()}"
        return _File(
            etag=f'"{tag}"',
            last_modified=int(publication.published_at.timestamp()),
            name=(
                f"{stem}-{publication.period.year}.{suffix}"
                if stem
                else file_name(publication.period.year, suffix, block)
            ),
            body=render(publication),
        )

    found = snapshot.cached(("download", year, stem, suffix, block), draw)
    response = get_conditional_response(request, etag=found.etag, last_modified=found.last_modified)
    if response is None:
        response = HttpResponse(found.body, content_type=content_type)
        response["Content-Disposition"] = content_disposition_header(
            as_attachment=True, filename=found.name
        )
    response["ETag"] = found.etag
    response["Last-Modified"] = http_date(found.last_modified)
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response
