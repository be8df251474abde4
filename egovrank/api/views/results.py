"""Results: a period's live results for those who may see them (``results.access``,
ranks are embargoed until publication), and the published snapshots, public."""

from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from egovrank.results.access import (
    access_publication,
    access_results_period,
    can_see_results,
    publications_of,
    published_period,
)
from egovrank.results.compute import compute, warnings
from egovrank.results.models import Publication
from egovrank.results.queries import live_tables, open_corrections, published_tables

from .. import shapes
from ..serializers import (
    PublicationDetailSerializer,
    PublicationFilterSerializer,
    PublicationSerializer,
    ResultsFilterSerializer,
    ResultsSerializer,
)
from .base import ApiView


class ResultsView(ApiView):
    """The period's results computed now from the verified answers, per block in ranking
    order (communes also within their district), with what stops finalising."""

    allowed = can_see_results
    api_errors = (400, 404)
    query_serializer = ResultsFilterSerializer

    @extend_schema(
        operation_id="results_retrieve",
        parameters=[ResultsFilterSerializer],
        responses={200: ResultsSerializer},
        tags=["results"],
    )
    def get(self, request: Request, year: int) -> Response:
        period = access_results_period(request.user, year)
        query = self.query()
        blocks = compute(period)
        tables = []
        for table in live_tables(blocks, open_corrections(period)):
            if query.get("block", table.code) != table.code:
                continue
            levels = {found.code: found for found in blocks[table.code].criteria_set.levels.levels}
            tables.append(shapes.result_table(table, levels))
        found = warnings(period)
        data = {
            "year": period.year,
            "state": period.state,
            "tables": tables,
            "warnings": {
                "not_submitted": [p.unit_code for p in found.not_submitted],
                "not_reviewed": [p.unit_code for p in found.not_reviewed],
                "not_forwarded": [unit.code for unit in found.not_forwarded],
                "still_open": [p.unit_code for p in found.still_open],
            },
        }
        return Response(ResultsSerializer(data).data)


class PublicationList(ApiView):
    """Every publication of every period, newest first: public, no sign-in needed."""

    api_errors = (400, 404)
    query_serializer = PublicationFilterSerializer
    serializer_class = PublicationSerializer

    def get_queryset(self) -> QuerySet[Publication]:
        query = self.query()
        if "year" in query:
            return publications_of(published_period(query["year"])).select_related("period")
        return Publication.objects.select_related("period").order_by("-period__year", "-number")

    @extend_schema(
        operation_id="publications_list",
        parameters=[PublicationFilterSerializer],
        responses={200: PublicationSerializer(many=True)},
        tags=["published results"],
    )
    def get(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset()) or []
        rows = [shapes.publication(found) for found in page]
        return self.get_paginated_response(PublicationSerializer(rows, many=True).data)


class PublicationDetail(ApiView):
    """One publication as announced, from its stored rows (never recomputed), with the
    corrections it carries: public, no sign-in needed."""

    api_errors = (404,)

    @extend_schema(
        operation_id="publications_retrieve",
        responses={200: PublicationDetailSerializer},
        tags=["published results"],
    )
    def get(self, request: Request, year: int, number: int) -> Response:
        found = access_publication(year, number)
        data = {
            **shapes.publication(found),
            "tables": [shapes.result_table(table, {}) for table in published_tables(found)],
            "corrections": [
                {
                    "unit_code": c.participant.unit_code,
                    "unit_name": c.participant.unit_name,
                    "reason": c.reason,
                    "opened_at": c.opened_at,
                }
                for c in found.corrections.select_related("participant").order_by("pk")
            ],
        }
        return Response(PublicationDetailSerializer(data).data)
