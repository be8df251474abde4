"""Units: those the person may see (``orgs.access``)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from egovrank.orgs.access import access_unit, can_see_units, units_visible_to
from egovrank.orgs.models import Unit

from .. import shapes
from ..serializers import UnitDetailSerializer, UnitFilterSerializer, UnitSerializer
from .base import ApiView


class UnitList(ApiView):
    """The units the person may see, by code."""

    allowed = can_see_units
    api_errors = (400, 404)
    query_serializer = UnitFilterSerializer
    serializer_class = UnitSerializer

    def get_queryset(self) -> QuerySet[Unit]:
        units = units_visible_to(self.request.user).select_related("block", "parent")
        query = self.query()
        if "block" in query:
            units = units.filter(block__code=query["block"])
        if "kind" in query:
            units = units.filter(kind=query["kind"])
        if "district" in query:
            units = units.filter(parent__code=query["district"])
        if query.get("q", "").strip():
            text = query["q"].strip()
            units = units.filter(Q(code__icontains=text) | Q(name__icontains=text))
        return units.order_by("code")

    @extend_schema(
        operation_id="units_list",
        parameters=[UnitFilterSerializer],
        responses={200: UnitSerializer(many=True)},
        tags=["units"],
    )
    def get(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(UnitSerializer(page, many=True).data)


class UnitDetail(ApiView):
    """One unit, with the units under it the person may see and its successions."""

    allowed = can_see_units
    api_errors = (404,)
    serializer_class = UnitDetailSerializer

    @extend_schema(
        operation_id="units_retrieve", responses={200: UnitDetailSerializer}, tags=["units"]
    )
    def get(self, request: Request, code: str) -> Response:
        unit = access_unit(request.user, code)
        children = units_visible_to(request.user).filter(parent=unit).order_by("code")
        data: Any = shapes.unit_detail(unit, children)
        return Response(UnitDetailSerializer(data).data)
