"""Downloads of the published tables, for anyone, no sign-in: the year's announcement as
Excel, PDF and JSON open data (every block), and one block as CSV.

Read only from the year's latest publication (a correction supersedes the earlier ones),
never recomputed; a year without publication, or a block it does not have, is 404. A
publication never changes, so each file carries an ETag and Last-Modified from it, and a
browser or proxy that already has it gets 304 without the file being drawn again.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import content_disposition_header, http_date
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from egovrank.results.models import Publication

from .access import access_block, access_year
from .exports import csv as csv_export
from .exports import json as json_export
from .exports import pdf as pdf_export
from .exports import xlsx as xlsx_export
from .exports.source import file_name, from_publication

__all__ = ["csv", "json", "pdf", "xlsx"]

# Short enough that a correction reaches readers soon; revalidating costs one query.
MAX_AGE = 300


@require_safe
def xlsx(request: HttpRequest, year: int) -> HttpResponse:
    publication = access_year(year)
    return _download(
        request,
        publication,
        "xlsx",
        xlsx_export.CONTENT_TYPE,
        lambda: xlsx_export.render_xlsx(from_publication(publication)),
    )


@require_safe
def pdf(request: HttpRequest, year: int) -> HttpResponse:
    publication = access_year(year)
    return _download(
        request,
        publication,
        "pdf",
        pdf_export.CONTENT_TYPE,
        lambda: pdf_export.render_pdf(from_publication(publication)),
    )


@require_safe
def json(request: HttpRequest, year: int) -> HttpResponse:
    publication = access_year(year)
    return _download(
        request,
        publication,
        "json",
        json_export.CONTENT_TYPE,
        lambda: json_export.render_json(from_publication(publication, with_shares=True)),
    )


@require_safe
def csv(request: HttpRequest, year: int, block: str) -> HttpResponse:
    publication = access_year(year)
    access_block(publication, block)
    return _download(
        request,
        publication,
        "csv",
        csv_export.CONTENT_TYPE,
        lambda: csv_export.render_csv(from_publication(publication, only=[block])),
        block=block,
    )


def _download(
    request: HttpRequest,
    publication: Publication,
    suffix: str,
    content_type: str,
    render: Callable[[], bytes],
    *,
    block: str = "",
) -> HttpResponse:
    """The file as an attachment, or 304 when the asker already has this publication's."""
    # The workbook's and the PDF's words follow the language, so it is part of the tag.
    etag = f'"{publication.pk}-{publication.number}-{suffix}-{block}-{get_language()}"'
    last_modified = int(publication.published_at.timestamp())
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        response = HttpResponse(render(), content_type=content_type)
        response["Content-Disposition"] = content_disposition_header(
            as_attachment=True, filename=file_name(publication.period.year, suffix, block)
        )
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response
