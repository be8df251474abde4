"""Lists come a page at a time: ``?page=2&page_size=100`` (at most 500 a page)."""

from __future__ import annotations

from rest_framework.pagination import PageNumberPagination

__all__ = ["Pagination"]


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
