"""Self-assessments: the forms the person may see (``assessments.access``), saving an
answer, evidence, submitting and withdrawing (``assessments.actions``)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404, HttpResponseBase
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from egovrank.assessments import views as pages
from egovrank.assessments.access import (
    access_evidence,
    access_participant,
    access_to_edit,
    access_to_submit,
    has_assessment_role,
    participants_visible_to,
)
from egovrank.assessments.actions import (
    AnswerInput,
    StaleAnswer,
    do_add_file,
    do_add_link,
    do_remove_file,
    do_remove_link,
    do_save_scored,
    do_submit,
    do_withdraw,
)
from egovrank.assessments.declaration import declaration_text
from egovrank.assessments.models import EvidenceFile, EvidenceLink
from egovrank.assessments.page import FormPage
from egovrank.assessments.progress import NOT_STARTED, period_progress
from egovrank.assessments.sheet import join_ratio
from egovrank.core.roles import roles_of
from egovrank.periods.choices import PeriodState
from egovrank.periods.models import Participant

from .. import shapes
from ..errors import Refusal, error
from ..permissions import acting_user
from ..serializers import (
    AnswerInputSerializer,
    AssessmentDetailSerializer,
    AssessmentFilterSerializer,
    AssessmentStatusSerializer,
    AssessmentSummarySerializer,
    DownloadFilterSerializer,
    EvidenceFileSerializer,
    EvidenceLinkSerializer,
    FileUploadSerializer,
    LinkInputSerializer,
    SavedAnswerSerializer,
    StaleAnswerSerializer,
    SubmitInputSerializer,
)
from .base import ApiView, data_of

TAGS = ["self-assessments"]


def _participant(request: Request, year: int, unit: str) -> Participant:
    return access_participant(request.user, year, unit)


class AssessmentList(ApiView):
    """The forms the person may open (not those of a period still in draft), newest
    period first, with each one's state and progress."""

    allowed = has_assessment_role
    api_errors = (400, 404)
    query_serializer = AssessmentFilterSerializer
    serializer_class = AssessmentSummarySerializer

    def get_queryset(self) -> QuerySet[Participant]:
        participants = (
            participants_visible_to(self.request.user)
            .exclude(period__state=PeriodState.DRAFT)
            .select_related("period", "block", "reviewer_unit", "unit__parent", "assessment")
            .order_by("-period__year", "block__order", "unit_code")
        )
        query = self.query()
        if "year" in query:
            participants = participants.filter(period__year=query["year"])
        if "block" in query:
            participants = participants.filter(block__code=query["block"])
        if "district" in query:
            district = query["district"]
            participants = participants.filter(
                Q(reviewer_unit__code=district) | Q(unit__parent__code=district)
            )
        if "state" in query:
            if query["state"] == NOT_STARTED:
                participants = participants.filter(assessment__isnull=True)
            else:
                participants = participants.filter(assessment__state=query["state"])
        return participants

    @extend_schema(
        operation_id="assessments_list",
        parameters=[AssessmentFilterSerializer],
        responses={200: AssessmentSummarySerializer(many=True)},
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        page: list[Participant] = self.paginate_queryset(self.get_queryset()) or []
        progress: dict[int, Any] = {}
        for period in {participant.period for participant in page}:
            progress.update(period_progress(period))
        own = roles_of(request.user).own_units
        rows = [shapes.assessment_summary(p, p.unit_id in own, progress.get(p.pk)) for p in page]
        return self.get_paginated_response(AssessmentSummarySerializer(rows, many=True).data)


class AssessmentDetail(ApiView):
    """One form as its page shows it: every node's points from the scoring core with
    their explanation, the unit's answers and evidence, the totals, share and level, and
    the review as the unit may see it."""

    allowed = has_assessment_role
    api_errors = (404,)
    serializer_class = AssessmentDetailSerializer

    @extend_schema(
        operation_id="assessments_retrieve",
        responses={200: AssessmentDetailSerializer},
        tags=TAGS,
    )
    def get(self, request: Request, year: int, unit: str) -> Response:
        form = FormPage(request.user, _participant(request, year, unit))
        return Response(AssessmentDetailSerializer(shapes.form_detail(form)).data)


class AnswerView(ApiView):
    """Save the unit's answer to one criterion (a draft save: the form shows what the
    rule refuses). Send the revision the answer had when you read it: a stale save is
    refused (409) with the newer answer, as on the page."""

    allowed = has_assessment_role
    api_errors = (400, 404, 409)
    error_serializers = {409: StaleAnswerSerializer}
    serializer_class = AnswerInputSerializer

    @extend_schema(
        operation_id="assessments_answer",
        request=AnswerInputSerializer,
        responses={200: SavedAnswerSerializer},
        tags=TAGS,
    )
    def post(self, request: Request, year: int, unit: str, code: str) -> Response:
        participant = access_to_edit(request.user, year, unit)
        posted = data_of(request, AnswerInputSerializer)
        value = posted["value"]
        if "numerator" in posted or "denominator" in posted:
            value = join_ratio(posted.get("numerator", ""), posted.get("denominator", ""))
        entered = AnswerInput(
            value=value,
            not_applicable=posted["not_applicable"],
            note=posted["note"].strip(),
            evidence_explanation=posted["evidence_explanation"].strip(),
        )
        try:
            saved = do_save_scored(
                participant, code, entered, revision=posted["revision"], actor=acting_user(request)
            )
        except KeyError:
            raise Http404 from None
        except StaleAnswer as stale:
            raise Refusal(
                status.HTTP_409_CONFLICT,
                [
                    error(
                        _("Someone saved this criterion since you loaded it: nothing was saved."),
                        "stale",
                        "revision",
                    )
                ],
                current=shapes.answer(stale.current),
            ) from None
        form = FormPage(request.user, participant, saved)
        line = form.sheet.by_code.get(code)
        figure = form.sheet.figure_by_code.get(code)
        data = {
            "criterion": shapes.form_line(form, line) if line is not None else None,
            "figure": shapes.figure_line(form, figure) if figure is not None else None,
            "totals": shapes.sheet_totals(form.sheet),
        }
        return Response(SavedAnswerSerializer(data).data)


class SubmitView(ApiView):
    """The head submits the form with the declaration that it is true: refused (400)
    without it, (409) with the list of what is missing, or after the deadline."""

    allowed = has_assessment_role
    api_errors = (400, 404, 409)

    @extend_schema(
        operation_id="assessments_submit",
        request=SubmitInputSerializer,
        responses={200: AssessmentStatusSerializer},
        tags=TAGS,
    )
    def post(self, request: Request, year: int, unit: str) -> Response:
        participant = access_to_submit(request.user, year, unit)
        accepted = data_of(request, SubmitInputSerializer)["declaration"]
        assessment = do_submit(
            participant,
            actor=acting_user(request),
            declaration=declaration_text() if accepted else "",
        )
        return Response(AssessmentStatusSerializer(shapes.status(participant, assessment)).data)


class WithdrawView(ApiView):
    """The head takes a submitted form back, until review starts or the deadline passes."""

    allowed = has_assessment_role
    api_errors = (404, 409)

    @extend_schema(
        operation_id="assessments_withdraw",
        request=None,
        responses={200: AssessmentStatusSerializer},
        tags=TAGS,
    )
    def post(self, request: Request, year: int, unit: str) -> Response:
        participant = access_to_submit(request.user, year, unit)
        assessment = do_withdraw(participant, actor=acting_user(request))
        return Response(AssessmentStatusSerializer(shapes.status(participant, assessment)).data)


class FileUpload(ApiView):
    """Attach a file to a criterion (multipart, field ``file``): checked by its size and
    its content, as on the page."""

    allowed = has_assessment_role
    api_errors = (400, 404, 409)
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        operation_id="assessments_file_add",
        request={"multipart/form-data": FileUploadSerializer},
        responses={201: EvidenceFileSerializer},
        tags=TAGS,
    )
    def post(self, request: Request, year: int, unit: str, code: str) -> Response:
        participant = access_to_edit(request.user, year, unit)
        posted = FileUploadSerializer(data=request.data)
        if not posted.is_valid():
            raise Refusal(
                status.HTTP_400_BAD_REQUEST,
                [error(_("Choose a file to attach."), "required", "file")],
            )
        try:
            evidence = do_add_file(
                participant, code, posted.validated_data["file"], actor=acting_user(request)
            )
        except KeyError:
            raise Http404 from None
        data = shapes.evidence_file(participant, evidence)
        return Response(EvidenceFileSerializer(data).data, status=status.HTTP_201_CREATED)


class FileView(ApiView):
    """Download a file of the form (the page's own download: the same access check and
    headers; removed files stay readable, since the history names them), or remove it."""

    allowed = has_assessment_role
    api_errors = {"GET": (404,), "DELETE": (404, 409)}

    @extend_schema(
        operation_id="assessments_file_download",
        parameters=[DownloadFilterSerializer],
        responses={(200, "*/*"): OpenApiResponse(OpenApiTypes.BINARY, description="The file.")},
        tags=TAGS,
    )
    def get(self, request: Request, year: int, unit: str, pk: int) -> HttpResponseBase:
        return pages.download_file(request._request, year=year, unit=unit, pk=pk)

    @extend_schema(operation_id="assessments_file_remove", responses={204: None}, tags=TAGS)
    def delete(self, request: Request, year: int, unit: str, pk: int) -> Response:
        participant = access_to_edit(request.user, year, unit)
        do_remove_file(access_evidence(participant, EvidenceFile, pk), actor=acting_user(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


class LinkAdd(ApiView):
    """Refer to a document published elsewhere (number, date, title, address)."""

    allowed = has_assessment_role
    api_errors = (400, 404, 409)

    @extend_schema(
        operation_id="assessments_link_add",
        request=LinkInputSerializer,
        responses={201: EvidenceLinkSerializer},
        tags=TAGS,
    )
    def post(self, request: Request, year: int, unit: str, code: str) -> Response:
        participant = access_to_edit(request.user, year, unit)
        posted = data_of(request, LinkInputSerializer)
        try:
            link = do_add_link(participant, code, actor=acting_user(request), **posted)
        except KeyError:
            raise Http404 from None
        data = shapes.evidence_link(link)
        return Response(EvidenceLinkSerializer(data).data, status=status.HTTP_201_CREATED)


class LinkView(ApiView):
    allowed = has_assessment_role
    api_errors = (404, 409)

    @extend_schema(operation_id="assessments_link_remove", responses={204: None}, tags=TAGS)
    def delete(self, request: Request, year: int, unit: str, pk: int) -> Response:
        """Remove a link (it stays in the history)."""
        participant = access_to_edit(request.user, year, unit)
        do_remove_link(access_evidence(participant, EvidenceLink, pk), actor=acting_user(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


__all__ = [
    "AnswerView",
    "AssessmentDetail",
    "AssessmentList",
    "FileUpload",
    "FileView",
    "LinkAdd",
    "LinkView",
    "SubmitView",
    "WithdrawView",
]
