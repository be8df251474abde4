"""Review: the review of one form as its page shows it, the verdicts on each criterion,
the steps that close or re-open a review, and a district's forwarding
(``review.access`` decides who, ``review.actions`` when)."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from egovrank.assessments.queries import assessment_of, criteria_set_for
from egovrank.assessments.sheet import join_ratio
from egovrank.periods.access import access_period
from egovrank.periods.models import Participant
from egovrank.periods.rules import period_shape
from egovrank.review.access import (
    access_district,
    access_review,
    can_forward,
    can_review,
    can_send_back,
    has_review_role,
)
from egovrank.review.actions import (
    REVIEW_PERIOD_STATES,
    InvalidReviewInput,
    ReviewRefused,
    StaleVerification,
    do_accept,
    do_accept_figure,
    do_adjust,
    do_adjust_figure,
    do_approve,
    do_clear,
    do_comment,
    do_forward,
    do_mark_not_submitted,
    do_reopen,
    do_return,
    do_send_back,
    forwarding_problems,
    standing_forwarding,
)
from egovrank.review.models import Forwarding
from egovrank.review.page import ReviewPage

from .. import shapes
from ..errors import Refusal, error, refusal
from ..permissions import acting_user
from ..serializers import (
    AdjustInputSerializer,
    AssessmentStatusSerializer,
    CommentInputSerializer,
    DistrictSerializer,
    DraftCommentSerializer,
    FigureAdjustInputSerializer,
    FigureVerdictResultSerializer,
    ForwardingSerializer,
    ForwardInputSerializer,
    ReasonInputSerializer,
    ReturnInputSerializer,
    ReturnSerializer,
    ReviewDetailSerializer,
    StaleVerdictSerializer,
    VerdictInputSerializer,
    VerdictResultSerializer,
)
from .base import ApiView, data_of

TAGS = ["review"]


def _reviewing(request: Request, year: int, unit: str) -> Participant:
    """The form, for its reviewer only: others who may read the review get 403."""
    participant = access_review(request.user, year, unit)
    if not can_review(request.user, participant):
        raise PermissionDenied
    return participant


def _leaf_code(participant: Participant, code: str) -> str:
    node = criteria_set_for(participant).get(code)
    if node is None or not node.is_leaf:
        raise Http404
    return node.code


class ReviewDetail(ApiView):
    """The review of one form as its page shows it: the unit's answers and evidence, both
    sheets (own and verified) scored by the core, the verdicts with their revisions."""

    allowed = has_review_role
    api_errors = (404,)

    @extend_schema(
        operation_id="review_retrieve", responses={200: ReviewDetailSerializer}, tags=TAGS
    )
    def get(self, request: Request, year: int, unit: str) -> Response:
        page = ReviewPage(request, access_review(request.user, year, unit))
        return Response(ReviewDetailSerializer(shapes.review_detail(page)).data)


def _value_refused(invalid: InvalidReviewInput) -> Refusal:
    """A verdict the rules refuse, as the API's 400 on the ``value`` field."""
    found = refusal(invalid, path="value")
    assert found is not None
    return found


class _Verdict(ApiView):
    """A verdict on one criterion of a form under review; a stale revision is refused
    (409) with the verdict as it stands now."""

    allowed = has_review_role
    api_errors = (400, 404, 409)
    error_serializers = {409: StaleVerdictSerializer}

    def act(self, request: Request, participant: Participant, code: str) -> None:
        raise NotImplementedError

    def target(self, participant: Participant, code: str) -> str:
        """The code the verdict is on, or 404."""
        return _leaf_code(participant, code)

    def result(self, page: ReviewPage, code: str) -> Any:
        return VerdictResultSerializer(shapes.verdict_result(page, code)).data

    def post(self, request: Request, year: int, unit: str, code: str) -> Response:
        participant = _reviewing(request, year, unit)
        code = self.target(participant, code)
        try:
            self.act(request, participant, code)
        except StaleVerification as stale:
            page = ReviewPage(request, participant)
            raise Refusal(
                status.HTTP_409_CONFLICT,
                [
                    error(
                        _(
                            "Another reviewer changed this verdict since you loaded it: nothing was saved."
                        ),
                        "stale",
                        "revision",
                    )
                ],
                **shapes.stale_verdict(page, code, stale.current),
            ) from None
        return Response(self.result(ReviewPage(request, participant), code))


VERDICT: dict[str, Any] = {
    "request": VerdictInputSerializer,
    "responses": {200: VerdictResultSerializer},
    "tags": TAGS,
}


class AcceptView(_Verdict):
    """The unit's answer stands (an earlier adjustment is undone)."""

    def act(self, request: Request, participant: Participant, code: str) -> None:
        revision = data_of(request, VerdictInputSerializer)["revision"]
        do_accept(participant, code, revision=revision, actor=acting_user(request))

    @extend_schema(operation_id="review_accept", **VERDICT)
    def post(self, request: Request, year: int, unit: str, code: str) -> Response:
        return super().post(request, year, unit, code)


class AdjustView(_Verdict):
    """Set the verified answer with a reason; the verified points are the core's."""

    def act(self, request: Request, participant: Participant, code: str) -> None:
        posted = data_of(request, AdjustInputSerializer)
        value = posted["value"].strip()
        if "numerator" in posted or "denominator" in posted:
            value = join_ratio(posted.get("numerator", ""), posted.get("denominator", ""))
        if not value and not posted["not_applicable"]:
            raise Refusal(
                status.HTTP_400_BAD_REQUEST,
                [error(_("Enter the verified answer."), "required", "value")],
            )
        try:
            do_adjust(
                participant,
                code,
                value=value,
                not_applicable=posted["not_applicable"],
                reason=posted["reason"],
                revision=posted["revision"],
                actor=acting_user(request),
            )
        except InvalidReviewInput as invalid:
            # The reason is checked above: what is left is the answer the rule refuses.
            raise _value_refused(invalid) from None

    @extend_schema(
        operation_id="review_adjust",
        request=AdjustInputSerializer,
        responses={200: VerdictResultSerializer},
        tags=TAGS,
    )
    def post(self, request: Request, year: int, unit: str, code: str) -> Response:
        return super().post(request, year, unit, code)


class ClearView(_Verdict):
    """Withdraw the verdict: the criterion is open again (accepted on approval)."""

    def act(self, request: Request, participant: Participant, code: str) -> None:
        revision = data_of(request, VerdictInputSerializer)["revision"]
        do_clear(participant, code, revision=revision, actor=acting_user(request))

    @extend_schema(operation_id="review_clear", **VERDICT)
    def post(self, request: Request, year: int, unit: str, code: str) -> Response:
        return super().post(request, year, unit, code)


class _FigureVerdict(_Verdict):
    """A verdict on one of the set's shared figures: every criterion using it is
    re-scored by the core."""

    def target(self, participant: Participant, code: str) -> str:
        if criteria_set_for(participant).figure(code) is None:
            raise Http404
        return code

    def result(self, page: ReviewPage, code: str) -> Any:
        return FigureVerdictResultSerializer(shapes.figure_verdict_result(page, code)).data


class FigureAcceptView(_FigureVerdict):
    """The unit's value of a shared figure stands (an earlier verified value is undone);
    refused (400, naming the criterion) when a verified numerator would be above it."""

    def act(self, request: Request, participant: Participant, code: str) -> None:
        revision = data_of(request, VerdictInputSerializer)["revision"]
        try:
            do_accept_figure(participant, code, revision=revision, actor=acting_user(request))
        except InvalidReviewInput as invalid:
            raise _value_refused(invalid) from None

    @extend_schema(
        operation_id="review_figure_accept",
        request=VerdictInputSerializer,
        responses={200: FigureVerdictResultSerializer},
        tags=TAGS,
    )
    def post(self, request: Request, year: int, unit: str, code: str) -> Response:
        return super().post(request, year, unit, code)


class FigureAdjustView(_FigureVerdict):
    """Set a shared figure's verified value with a reason; refused (400, naming the
    criterion and the figure) when a verified numerator would be above it."""

    def act(self, request: Request, participant: Participant, code: str) -> None:
        posted = data_of(request, FigureAdjustInputSerializer)
        try:
            do_adjust_figure(
                participant,
                code,
                value=posted["value"],
                reason=posted["reason"],
                revision=posted["revision"],
                actor=acting_user(request),
            )
        except InvalidReviewInput as invalid:
            raise _value_refused(invalid) from None

    @extend_schema(
        operation_id="review_figure_adjust",
        request=FigureAdjustInputSerializer,
        responses={200: FigureVerdictResultSerializer},
        tags=TAGS,
    )
    def post(self, request: Request, year: int, unit: str, code: str) -> Response:
        return super().post(request, year, unit, code)


class FigureClearView(_FigureVerdict):
    """Withdraw the verdict on a shared figure: the unit's value stands again."""

    def act(self, request: Request, participant: Participant, code: str) -> None:
        revision = data_of(request, VerdictInputSerializer)["revision"]
        do_clear(participant, code, revision=revision, actor=acting_user(request))

    @extend_schema(
        operation_id="review_figure_clear",
        request=VerdictInputSerializer,
        responses={200: FigureVerdictResultSerializer},
        tags=TAGS,
    )
    def post(self, request: Request, year: int, unit: str, code: str) -> Response:
        return super().post(request, year, unit, code)


class CommentView(ApiView):
    """Write the draft comment on a criterion that the next return sends to the unit;
    an empty text deletes it."""

    allowed = has_review_role
    api_errors = (400, 404, 409)

    @extend_schema(
        operation_id="review_comment",
        request=CommentInputSerializer,
        responses={200: DraftCommentSerializer},
        tags=TAGS,
    )
    def post(self, request: Request, year: int, unit: str, code: str) -> Response:
        participant = _reviewing(request, year, unit)
        code = _leaf_code(participant, code)
        text = data_of(request, CommentInputSerializer)["text"].strip()
        do_comment(participant, code, text, actor=acting_user(request))
        return Response(DraftCommentSerializer({"code": code, "text": text or None}).data)


def _status(participant: Participant) -> Response:
    data = shapes.status(participant, assessment_of(participant))
    return Response(AssessmentStatusSerializer(data).data)


class ReturnView(ApiView):
    """Return the form to the unit with a message, the draft comments and a revision
    deadline."""

    allowed = has_review_role
    api_errors = (400, 404, 409)

    @extend_schema(
        operation_id="review_return",
        request=ReturnInputSerializer,
        responses={200: ReturnSerializer},
        tags=TAGS,
    )
    def post(self, request: Request, year: int, unit: str) -> Response:
        participant = _reviewing(request, year, unit)
        posted = data_of(request, ReturnInputSerializer)
        returned = do_return(
            participant,
            message=posted["message"],
            deadline=posted["deadline"],
            actor=acting_user(request),
        )
        return Response(ReturnSerializer(shapes.returned(returned)).data)


class ApproveView(ApiView):
    """Close the review: criteria without a verdict are accepted as answered."""

    allowed = has_review_role
    api_errors = (404, 409)

    @extend_schema(
        operation_id="review_approve",
        request=None,
        responses={200: AssessmentStatusSerializer},
        tags=TAGS,
    )
    def post(self, request: Request, year: int, unit: str) -> Response:
        participant = _reviewing(request, year, unit)
        do_approve(participant, actor=acting_user(request))
        return _status(participant)


class ReopenView(ApiView):
    """Take an approved (or closed) review back, with a reason."""

    allowed = has_review_role
    api_errors = (400, 404, 409)

    @extend_schema(
        operation_id="review_reopen",
        request=ReasonInputSerializer,
        responses={200: AssessmentStatusSerializer},
        tags=TAGS,
    )
    def post(self, request: Request, year: int, unit: str) -> Response:
        participant = _reviewing(request, year, unit)
        reason = data_of(request, ReasonInputSerializer)["reason"]
        do_reopen(participant, reason=reason, actor=acting_user(request))
        return _status(participant)


class NotSubmittedView(ApiView):
    """Close a form the unit did not submit by its deadline (0 points, the lowest level)."""

    allowed = has_review_role
    api_errors = (400, 404, 409)

    @extend_schema(
        operation_id="review_not_submitted",
        request=ReasonInputSerializer,
        responses={200: AssessmentStatusSerializer},
        tags=TAGS,
    )
    def post(self, request: Request, year: int, unit: str) -> Response:
        participant = _reviewing(request, year, unit)
        reason = data_of(request, ReasonInputSerializer)["reason"]
        do_mark_not_submitted(participant, reason=reason, actor=acting_user(request))
        return _status(participant)


def _district(request: Request, year: int, code: str) -> tuple[Any, Any]:
    period = access_period(request.user, year)
    return period, access_district(request.user, period, code)


class DistrictView(ApiView):
    """A district's communes in a period: where each review stands, what stops the
    forwarding, and every forwarding with the ranking as it was forwarded."""

    allowed = has_review_role
    api_errors = (404,)

    @extend_schema(operation_id="review_district", responses={200: DistrictSerializer}, tags=TAGS)
    def get(self, request: Request, year: int, district: str) -> Response:
        period, unit = _district(request, year, district)
        communes = period.participants.filter(reviewer_unit=unit).select_related("assessment")
        standing = standing_forwarding(period, unit.pk)
        history = Forwarding.objects.filter(period=period, district=unit).select_related(
            "district", "forwarded_by", "sent_back_by"
        )
        # A two-tier period has no forwarding at all (``periods.rules.period_shape``).
        open_for_review = (
            period.state in REVIEW_PERIOD_STATES and period_shape(period).district_review
        )
        data = {
            "year": period.year,
            "district": {"code": unit.code, "name": unit.name},
            "communes": [
                {
                    "unit_code": p.unit_code,
                    "unit_name": p.unit_name,
                    "state": shapes.form_state(p),
                }
                for p in communes.order_by("unit_code")
            ],
            "problems": forwarding_problems(period, unit),
            "may_forward": can_forward(request.user, unit) and standing is None and open_for_review,
            "may_send_back": can_send_back(request.user)
            and standing is not None
            and open_for_review,
            "standing": shapes.forwarding(standing) if standing is not None else None,
            "forwardings": [shapes.forwarding(found) for found in history],
        }
        return Response(DistrictSerializer(data).data)


class ForwardView(ApiView):
    """The district forwards its communes' results, ranked within the district."""

    allowed = has_review_role
    api_errors = (400, 404, 409)

    @extend_schema(
        operation_id="review_forward",
        request=ForwardInputSerializer,
        responses={200: ForwardingSerializer},
        tags=TAGS,
    )
    def post(self, request: Request, year: int, district: str) -> Response:
        period, unit = _district(request, year, district)
        if not can_forward(request.user, unit):
            raise PermissionDenied
        note = data_of(request, ForwardInputSerializer)["note"]
        forwarded = do_forward(period, unit, note=note, actor=acting_user(request))
        return Response(ForwardingSerializer(shapes.forwarding(forwarded)).data)


class SendBackView(ApiView):
    """The lead agency sends a district's forwarded results back, with a reason."""

    allowed = has_review_role
    api_errors = (400, 404, 409)

    @extend_schema(
        operation_id="review_send_back",
        request=ReasonInputSerializer,
        responses={200: ForwardingSerializer},
        tags=TAGS,
    )
    def post(self, request: Request, year: int, district: str) -> Response:
        period, unit = _district(request, year, district)
        if not can_send_back(request.user):
            raise PermissionDenied
        reason = data_of(request, ReasonInputSerializer)["reason"]
        standing = standing_forwarding(period, unit.pk)
        if standing is None:
            found = refusal(ReviewRefused(_("There is no forwarding to send back.")))
            assert found is not None
            raise found
        sent_back = do_send_back(standing, reason=reason, actor=acting_user(request))
        return Response(ForwardingSerializer(shapes.forwarding(sent_back)).data)


__all__ = [
    "AcceptView",
    "AdjustView",
    "ApproveView",
    "ClearView",
    "CommentView",
    "DistrictView",
    "ForwardView",
    "NotSubmittedView",
    "ReopenView",
    "ReturnView",
    "ReviewDetail",
    "SendBackView",
]
