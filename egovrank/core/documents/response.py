"""A document as a download: ``.docx`` or ``.pdf`` by the address's ``fmt`` (the
``doc`` converter, registered when this module is imported), private to the person who asked."""

from __future__ import annotations

from django.http import HttpResponse
from django.urls import register_converter
from django.utils.http import content_disposition_header

from . import docx, pdf
from .model import Document

__all__ = ["FORMATS", "FormatConverter", "document_response"]

FORMATS = ("docx", "pdf")


class FormatConverter:
    """``docx`` or ``pdf`` in an address; anything else does not match (404)."""

    regex = "docx|pdf"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(FormatConverter, "doc")


def document_response(document: Document, stem: str, fmt: str) -> HttpResponse:
    if fmt == "docx":
        body, content_type = docx.render_docx(document), docx.CONTENT_TYPE
    else:
        body, content_type = pdf.render_pdf(document), pdf.CONTENT_TYPE
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{stem}.{fmt}"
    )
    # Behind a sign-in: no shared cache may keep it.
    response["Cache-Control"] = "private, no-store"
    return response
