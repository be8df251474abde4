"""Criteria-set versions: public, as the decision makes the form public
(``criteria.access``)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from egovrank.criteria.access import access_version
from egovrank.criteria.queries import all_version_summaries

from .. import shapes
from ..serializers import VersionDetailSerializer, VersionFilterSerializer, VersionSerializer
from .base import ApiView


class VersionList(ApiView):
    """Every stored criteria-set version, by block."""

    api_errors = (400, 404)
    query_serializer = VersionFilterSerializer
    serializer_class = VersionSerializer

    @extend_schema(
        operation_id="criteria_list",
        parameters=[VersionFilterSerializer],
        responses={200: VersionSerializer(many=True)},
        tags=["criteria sets"],
    )
    def get(self, request: Request) -> Response:
        query = self.query()
        summaries = all_version_summaries()
        if "block" in query:
            summaries = [s for s in summaries if s.block_code == query["block"]]
        page = self.paginate_queryset(summaries)
        return self.get_paginated_response(VersionSerializer(page, many=True).data)


class VersionDetail(ApiView):
    """One version: its tree in the file format's shape, its levels and its YAML text."""

    api_errors = (404,)
    serializer_class = VersionDetailSerializer

    @extend_schema(
        operation_id="criteria_retrieve",
        responses={200: VersionDetailSerializer},
        tags=["criteria sets"],
    )
    def get(self, request: Request, set_id: str) -> Response:
        version = access_version(set_id)
        summary = next(s for s in all_version_summaries() if s.pk == version.pk)
        return Response(VersionDetailSerializer(shapes.version_detail(summary, version)).data)
