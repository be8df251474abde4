"""Periods: everyone with a role reads them (``periods.access``); the administrator
imports figures from other systems into a period's forms (``assessments.figures``)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from egovrank.assessments.figures import FiguresRefused, do_import_figures
from egovrank.core.roles import roles_of
from egovrank.periods.access import (
    access_period,
    can_manage_periods,
    can_see_period_records,
    can_see_periods,
)
from egovrank.periods.queries import periods_with_counts

from .. import shapes
from ..errors import Refusal, error
from ..permissions import acting_user
from ..serializers import (
    FiguresInputSerializer,
    FiguresReportSerializer,
    PeriodDetailSerializer,
    PeriodFilterSerializer,
    PeriodSerializer,
)
from .base import ApiView, data_of


class PeriodList(ApiView):
    """Every period, newest first."""

    allowed = can_see_periods
    api_errors = (400, 404)
    query_serializer = PeriodFilterSerializer
    serializer_class = PeriodSerializer

    @extend_schema(
        operation_id="periods_list",
        parameters=[PeriodFilterSerializer],
        responses={200: PeriodSerializer(many=True)},
        tags=["periods"],
    )
    def get(self, request: Request) -> Response:
        periods = periods_with_counts().order_by("-year")
        query = self.query()
        if "state" in query:
            periods = periods.filter(state=query["state"])
        page = self.paginate_queryset(periods)
        return self.get_paginated_response(PeriodSerializer(page, many=True).data)


class PeriodDetail(ApiView):
    """One period: its blocks with their criteria-set versions, and its participants
    (the reasons for extensions only for the province's staff, as on the page)."""

    allowed = can_see_periods
    api_errors = (404,)
    serializer_class = PeriodDetailSerializer

    @extend_schema(
        operation_id="periods_retrieve", responses={200: PeriodDetailSerializer}, tags=["periods"]
    )
    def get(self, request: Request, year: int) -> Response:
        period = access_period(request.user, year)
        count = period.participants.count()
        records = can_see_period_records(roles_of(request.user))
        return Response(PeriodDetailSerializer(shapes.period_detail(period, count, records)).data)


class FiguresImport(ApiView):
    """Save raw figures from another system (a .csv or .xlsx of figures per unit and
    criterion, such as the public-service portal's statistics) into the period's forms:
    all or nothing, every problem reported with its row and column (the path
    ``file.<row>.<column>``), each saved figure in its form's history with its source."""

    allowed = can_manage_periods
    api_errors = (400, 404)
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        operation_id="periods_figures_import",
        request={"multipart/form-data": FiguresInputSerializer},
        responses={200: FiguresReportSerializer},
        tags=["periods"],
    )
    def post(self, request: Request, year: int) -> Response:
        period = access_period(request.user, year)
        posted = data_of(request, FiguresInputSerializer)
        upload = posted["file"]
        try:
            report = do_import_figures(
                period,
                upload.name or "figures",
                upload.read(),
                source=posted["source"],
                actor=acting_user(request),
                dry_run=posted["dry_run"],
            )
        except FiguresRefused as refused:
            raise Refusal(
                status.HTTP_400_BAD_REQUEST,
                [
                    error(
                        str(problem),
                        "figure_refused",
                        ".".join(
                            part
                            for part in ("file", str(problem.row or ""), problem.column)
                            if part
                        ),
                    )
                    for problem in refused.problems
                ],
            ) from None
        data = {
            "year": report.year,
            "filename": report.filename,
            "source": report.source,
            "dry_run": report.dry_run,
            "changed": len(report.changed),
            "rows": [{**row.__dict__, "changed": row.changed} for row in report.rows],
        }
        return Response(FiguresReportSerializer(data).data)
