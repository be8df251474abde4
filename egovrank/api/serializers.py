"""The shapes of the API's answers and of what it accepts. Serializers only shape data:
who may ask is ``access.py``'s business, what a change does the actions'. Answers are
built from the same queries the pages use (``shapes.py``) and described here.

Input serializers mirror the pages' forms field by field (same names, same limits), so
what a page refuses the API refuses too, with the field's name as the error's path.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from egovrank.assessments.choices import AssessmentState
from egovrank.assessments.link_urls import LINK_URL_MAX_LENGTH, validate_link_url
from egovrank.assessments.progress import NOT_STARTED
from egovrank.orgs.choices import SuccessionKind, UnitKind
from egovrank.periods.choices import PeriodState
from egovrank.review.choices import Decision

from .fields import DecimalString, ShareField
from .schema import ErrorItemSerializer

FORM_STATES = [(NOT_STARTED, _("Not started")), *AssessmentState.choices]

# --- shared pieces ----------------------------------------------------------------------


class LevelSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    name_en = serializers.CharField(allow_blank=True)


class TotalsSerializer(serializers.Serializer):
    """A unit's total as the scoring core gave it: points, the maximum that applies,
    the exact share, the percentage shown (half up, 2 places) and the level."""

    points = DecimalString()
    max_points = DecimalString()
    share = ShareField()
    percent = DecimalString()
    level = LevelSerializer(allow_null=True, help_text="Null in an index that only ranks.")


class PointsSerializer(serializers.Serializer):
    points = DecimalString()
    max_points = DecimalString()
    status = serializers.CharField(help_text="scored, not_applicable, unanswered, …")
    explanation = serializers.CharField(allow_blank=True)


class UnitRefSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


# --- units ----------------------------------------------------------------------------


class UnitSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    short_name = serializers.CharField(allow_blank=True)
    kind = serializers.ChoiceField(choices=UnitKind.choices)
    block = serializers.CharField(allow_null=True, source="block.code", default=None)
    parent = serializers.CharField(allow_null=True, source="parent.code", default=None)  # type: ignore[assignment]  # a declared field: DRF takes it off the class
    valid_from = serializers.IntegerField(allow_null=True)
    valid_until = serializers.IntegerField(allow_null=True)


class SuccessionSerializer(serializers.Serializer):
    unit = UnitRefSerializer()
    kind = serializers.ChoiceField(choices=SuccessionKind.choices)
    year = serializers.IntegerField()
    note = serializers.CharField(allow_blank=True)


class UnitDetailSerializer(UnitSerializer):
    children = UnitRefSerializer(many=True, help_text="The units under it the person may see.")
    successors = SuccessionSerializer(many=True)
    predecessors = SuccessionSerializer(many=True)


class UnitFilterSerializer(serializers.Serializer):
    block = serializers.CharField(required=False, max_length=32, help_text="Block code (KHOI01).")
    kind = serializers.ChoiceField(choices=UnitKind.choices, required=False)
    district = serializers.CharField(
        required=False, max_length=32, help_text="The parent unit's code (a district's communes)."
    )
    q = serializers.CharField(required=False, max_length=100, help_text="Part of the code or name.")


# --- criteria-set versions -----------------------------------------------------------


class VersionSerializer(serializers.Serializer):
    set_id = serializers.CharField(source="id")
    title = serializers.CharField()
    block_code = serializers.CharField(allow_blank=True)
    block_name = serializers.CharField(allow_blank=True)
    version = serializers.CharField(allow_blank=True)
    max_total = DecimalString()
    group_count = serializers.IntegerField()
    criterion_count = serializers.IntegerField()
    reconstructed = serializers.BooleanField()
    frozen = serializers.BooleanField(help_text="Used by a period that holds an answer.")
    years = serializers.ListField(child=serializers.IntegerField())
    copied_from = serializers.CharField(allow_blank=True)


class LevelRuleSerializer(LevelSerializer):
    min_percent = DecimalString()
    colour = serializers.CharField(allow_blank=True)


@extend_schema_field({"type": "array", "items": {"$ref": "#/components/schemas/CriteriaNode"}})
class TreeField(serializers.JSONField):
    """The criteria tree: its node schema is recursive (``schema.CRITERIA_NODE``)."""


class VersionDetailSerializer(VersionSerializer):
    levels = LevelRuleSerializer(many=True)
    legal_basis = serializers.DictField(child=serializers.CharField(allow_blank=True))
    tree = TreeField(help_text="The groups, criteria and sub-criteria with their rules.")
    yaml = serializers.CharField(help_text="The version's stored YAML text (the file format).")


class VersionFilterSerializer(serializers.Serializer):
    block = serializers.CharField(required=False, max_length=32, help_text="Block code (KHOI01).")


# --- periods --------------------------------------------------------------------------


class PeriodSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    title = serializers.CharField()
    state = serializers.ChoiceField(choices=PeriodState.choices)
    self_assessment_deadline = serializers.DateTimeField(allow_null=True)
    review_deadline = serializers.DateTimeField(allow_null=True)
    revision_deadline = serializers.DateTimeField(allow_null=True)
    opened_at = serializers.DateTimeField(allow_null=True)
    participant_count = serializers.IntegerField()


class PeriodBlockSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    version = serializers.CharField(allow_null=True, help_text="The criteria-set version used.")


class ParticipantSerializer(serializers.Serializer):
    unit_code = serializers.CharField()
    unit_name = serializers.CharField()
    block = serializers.CharField()
    reviewer_unit = serializers.CharField(help_text="The unit whose reviewers review it.")
    deadline = serializers.DateTimeField(allow_null=True, help_text="Extension included.")
    extended_until = serializers.DateTimeField(allow_null=True)
    extension_reason = serializers.CharField(
        allow_null=True, help_text="Only for the province's staff; null for others."
    )


class PeriodDetailSerializer(PeriodSerializer):
    blocks = PeriodBlockSerializer(many=True)
    participants = ParticipantSerializer(many=True)


class PeriodFilterSerializer(serializers.Serializer):
    state = serializers.ChoiceField(choices=PeriodState.choices, required=False)


# --- self-assessments -------------------------------------------------------------------


class ProgressSerializer(serializers.Serializer):
    answered = serializers.IntegerField()
    answerable = serializers.IntegerField()
    missing_answers = serializers.IntegerField()
    missing_evidence = serializers.IntegerField()


class AssessmentSummarySerializer(serializers.Serializer):
    year = serializers.IntegerField()
    unit_code = serializers.CharField()
    unit_name = serializers.CharField()
    block = serializers.CharField()
    reviewer_unit = serializers.CharField()
    district = serializers.CharField(allow_null=True)
    state = serializers.ChoiceField(choices=FORM_STATES)
    own = serializers.BooleanField(help_text="One of the units the person fills in or submits.")
    deadline = serializers.DateTimeField(allow_null=True)
    progress = ProgressSerializer(allow_null=True)


class AssessmentFilterSerializer(serializers.Serializer):
    year = serializers.IntegerField(required=False, min_value=1900, max_value=9999)
    block = serializers.CharField(required=False, max_length=32)
    district = serializers.CharField(
        required=False, max_length=32, help_text="Code of the district (its communes)."
    )
    state = serializers.ChoiceField(choices=FORM_STATES, required=False)


class AnswerSerializer(serializers.Serializer):
    value = serializers.CharField(allow_blank=True)
    not_applicable = serializers.BooleanField()
    note = serializers.CharField(allow_blank=True)
    evidence_explanation = serializers.CharField(allow_blank=True)
    revision = serializers.IntegerField(help_text="Send it back with the next save.")
    updated_at = serializers.DateTimeField(allow_null=True)
    updated_by = serializers.CharField(allow_null=True)


class EvidenceFileSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    content_type = serializers.CharField()
    size = serializers.IntegerField()
    sha256 = serializers.CharField()
    uploaded_at = serializers.DateTimeField()
    uploaded_by = serializers.CharField()
    url = serializers.CharField(help_text="Where to download it (the same access check).")


class EvidenceLinkSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    number = serializers.CharField(allow_blank=True)
    date = serializers.DateField(allow_null=True)
    title = serializers.CharField()
    url = serializers.CharField(allow_blank=True)
    added_at = serializers.DateTimeField()
    added_by = serializers.CharField()


class CommentSerializer(serializers.Serializer):
    code = serializers.CharField()
    text = serializers.CharField()
    author = serializers.CharField()
    written_at = serializers.DateTimeField()


class AdjustmentSerializer(serializers.Serializer):
    value = serializers.CharField(allow_blank=True)
    not_applicable = serializers.BooleanField()
    reason = serializers.CharField()


class LineSerializer(serializers.Serializer):
    """One node of the form: its points from the core and, for a criterion, the unit's
    answer and evidence."""

    code = serializers.CharField()
    name = serializers.CharField()
    name_en = serializers.CharField(allow_blank=True)
    depth = serializers.IntegerField()
    is_leaf = serializers.BooleanField()
    input = serializers.CharField(
        allow_blank=True,
        help_text="yes_no, option, ratio, number, text, or figures (every part comes from "
        "the set's shared figures); empty for a group.",
    )
    points = DecimalString()
    max_points = DecimalString()
    status = serializers.CharField()
    explanation = serializers.CharField(allow_blank=True)
    rule_text = serializers.CharField(allow_blank=True)
    error = serializers.CharField(allow_blank=True, help_text="Why the rule refuses the answer.")
    answered = serializers.BooleanField()
    missing_answer = serializers.BooleanField()
    missing_evidence = serializers.BooleanField()
    evidence_explained = serializers.BooleanField()
    answer = AnswerSerializer(allow_null=True)
    files = EvidenceFileSerializer(many=True)
    links = EvidenceLinkSerializer(many=True)
    comments = CommentSerializer(many=True, help_text="The reviewer's, while returned.")
    verified = PointsSerializer(allow_null=True, help_text="Once the review is approved.")
    adjustment = AdjustmentSerializer(allow_null=True, help_text="Once the review is approved.")


class FigureSerializer(serializers.Serializer):
    """A shared figure of the set: asked once, used by several criteria. Only figures
    whose origin is ``unit`` take a value from the form; the others are filled by the
    figures import."""

    code = serializers.CharField()
    name = serializers.CharField()
    name_en = serializers.CharField(allow_blank=True)
    origin = serializers.ChoiceField(choices=["unit", "system", "automatic"])
    origin_system = serializers.CharField(allow_blank=True)
    value = serializers.CharField(allow_blank=True)
    revision = serializers.IntegerField()
    error = serializers.CharField(allow_blank=True, help_text="Why the figure is refused.")
    used_by = serializers.ListField(child=serializers.CharField())


class ReturnSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    message = serializers.CharField(allow_blank=True)
    deadline = serializers.DateTimeField()
    returned_at = serializers.DateTimeField()
    returned_by = serializers.CharField()


class AssessmentStatusSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    unit_code = serializers.CharField()
    state = serializers.ChoiceField(choices=FORM_STATES)
    submitted_at = serializers.DateTimeField(allow_null=True)
    revision_deadline = serializers.DateTimeField(allow_null=True)
    approved_at = serializers.DateTimeField(allow_null=True)


class AssessmentDetailSerializer(AssessmentStatusSerializer):
    unit_name = serializers.CharField()
    block = serializers.CharField()
    criteria_set = serializers.CharField()
    reviewer_unit = serializers.CharField()
    deadline = serializers.DateTimeField(allow_null=True)
    lock = serializers.CharField(allow_null=True, help_text="Why the form is read-only now.")
    may_edit = serializers.BooleanField()
    may_submit = serializers.BooleanField()
    may_withdraw = serializers.BooleanField()
    totals = TotalsSerializer()
    provisional = serializers.BooleanField(
        help_text="Relative-to-best criteria are scored against the block so far."
    )
    answered = serializers.IntegerField()
    answerable = serializers.IntegerField()
    complete = serializers.BooleanField()
    returned = ReturnSerializer(allow_null=True, help_text="The latest return, while returned.")
    verified_totals = TotalsSerializer(allow_null=True, help_text="Once the review is approved.")
    criteria = LineSerializer(many=True)
    figures = FigureSerializer(many=True, help_text="The set's shared figures, if any.")


class AnswerInputSerializer(serializers.Serializer):
    """What the form sends for one criterion. A ratio may come as two figures
    (``numerator``, ``denominator``) or as ``value`` written ``45/50``."""

    value = serializers.CharField(required=False, allow_blank=True, max_length=500, default="")
    numerator = serializers.CharField(required=False, allow_blank=True, max_length=100)
    denominator = serializers.CharField(required=False, allow_blank=True, max_length=100)
    not_applicable = serializers.BooleanField(required=False, default=False)
    note = serializers.CharField(required=False, allow_blank=True, max_length=5000, default="")
    evidence_explanation = serializers.CharField(
        required=False, allow_blank=True, max_length=5000, default=""
    )
    revision = serializers.IntegerField(
        min_value=0, max_value=2_147_483_647, help_text="The answer's revision you started from."
    )


class SubmitInputSerializer(serializers.Serializer):
    declaration = serializers.BooleanField(
        help_text=(
            "The head declares the figures and evidence true (the page's checkbox); "
            "the submission is refused (400) without it."
        )
    )


class SavedAnswerSerializer(serializers.Serializer):
    criterion = LineSerializer(allow_null=True, help_text="Null when a shared figure was saved.")
    figure = FigureSerializer(allow_null=True, help_text="The shared figure saved, if one was.")
    totals = TotalsSerializer()


class StaleAnswerSerializer(serializers.Serializer):
    errors = ErrorItemSerializer(many=True)  # type: ignore[assignment]  # a declared field: DRF takes it off the class
    current = AnswerSerializer(
        required=False, help_text="When the revision is stale: the newer answer, with its revision."
    )


class FileUploadSerializer(serializers.Serializer):
    file = serializers.FileField(allow_empty_file=True)


@extend_schema_field({"type": "string", "format": "uri", "pattern": "^(https?://.+)?$"})
class LinkUrlField(serializers.CharField):
    """A link's address, refused unless absolute http(s) (``validate_link_url``)."""


class LinkInputSerializer(serializers.Serializer):
    number = serializers.CharField(required=False, allow_blank=True, max_length=100, default="")
    date = serializers.DateField(required=False, allow_null=True, default=None)
    title = serializers.CharField(max_length=500)
    url = LinkUrlField(
        required=False,
        allow_blank=True,
        max_length=LINK_URL_MAX_LENGTH,
        default="",
        validators=[validate_link_url],
        help_text="An absolute http:// or https:// address, checked as on the page.",
    )


class DownloadFilterSerializer(serializers.Serializer):
    download = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text="Present: always as an attachment, never shown in the browser.",
    )


# --- review ------------------------------------------------------------------------------


class VerdictSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=Decision.choices)
    value = serializers.CharField(allow_blank=True)
    not_applicable = serializers.BooleanField()
    reason = serializers.CharField(allow_blank=True)
    reviewed_by = serializers.CharField()
    reviewed_at = serializers.DateTimeField()
    changed_since_review = serializers.BooleanField(
        help_text="The unit's answer changed since the reviewer looked at it."
    )


class UnitAnswerSerializer(serializers.Serializer):
    value = serializers.CharField(allow_blank=True)
    not_applicable = serializers.BooleanField()
    note = serializers.CharField(allow_blank=True)
    evidence_explanation = serializers.CharField(allow_blank=True)


class ReviewLineSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    name_en = serializers.CharField(allow_blank=True)
    depth = serializers.IntegerField()
    is_leaf = serializers.BooleanField()
    own = PointsSerializer(help_text="The unit's own points.")
    verified = PointsSerializer(help_text="The points as verified.")
    answer = UnitAnswerSerializer(allow_null=True)
    files = EvidenceFileSerializer(many=True)
    links = EvidenceLinkSerializer(many=True)
    verdict = VerdictSerializer(allow_null=True)
    verdict_revision = serializers.IntegerField(help_text="Send it back with the next verdict.")
    draft_comment = serializers.CharField(allow_null=True)


class ReviewFigureSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    value = serializers.CharField(allow_blank=True, help_text="As the unit gave it.")
    verified_value = serializers.CharField(allow_blank=True, help_text="As verified.")
    users = serializers.ListField(
        child=serializers.CharField(), help_text="The criteria whose ratio uses it."
    )
    verdict = VerdictSerializer(allow_null=True)
    verdict_revision = serializers.IntegerField(help_text="Send it back with the next verdict.")


class ReviewDetailSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    unit_code = serializers.CharField()
    unit_name = serializers.CharField()
    block = serializers.CharField()
    reviewer_unit = serializers.CharField()
    state = serializers.ChoiceField(choices=FORM_STATES)
    lock = serializers.CharField(allow_null=True, help_text="Why the form cannot be reviewed now.")
    may_review = serializers.BooleanField(help_text="The person is this form's reviewer.")
    own_totals = TotalsSerializer()
    verified_totals = TotalsSerializer()
    returns = ReturnSerializer(many=True)
    criteria = ReviewLineSerializer(many=True)
    figures = ReviewFigureSerializer(many=True, help_text="The set's shared figures.")


class VerdictInputSerializer(serializers.Serializer):
    revision = serializers.IntegerField(
        min_value=0, max_value=2_147_483_647, help_text="The verdict's revision you started from."
    )


class AdjustInputSerializer(VerdictInputSerializer):
    """The verified answer, typed like the unit's (a ratio as two figures), and why."""

    value = serializers.CharField(required=False, allow_blank=True, max_length=500, default="")
    numerator = serializers.CharField(required=False, allow_blank=True, max_length=100)
    denominator = serializers.CharField(required=False, allow_blank=True, max_length=100)
    not_applicable = serializers.BooleanField(required=False, default=False)
    reason = serializers.CharField(
        max_length=5000, error_messages={"required": _("Give the reason for the adjustment.")}
    )


class VerdictResultSerializer(serializers.Serializer):
    code = serializers.CharField()
    verdict = VerdictSerializer(allow_null=True)
    verdict_revision = serializers.IntegerField()
    verified = PointsSerializer()
    verified_totals = TotalsSerializer()


class FigureAdjustInputSerializer(VerdictInputSerializer):
    """The verified value of a shared figure, and why."""

    value = serializers.CharField(
        max_length=100, error_messages={"required": _("Enter the verified figure.")}
    )
    reason = serializers.CharField(
        max_length=5000, error_messages={"required": _("Give the reason for the adjustment.")}
    )


class FigureVerdictResultSerializer(serializers.Serializer):
    code = serializers.CharField()
    verdict = VerdictSerializer(allow_null=True)
    verdict_revision = serializers.IntegerField()
    verified_value = serializers.CharField(allow_blank=True)
    criteria = serializers.DictField(
        child=PointsSerializer(), help_text="The verified points of each criterion using it."
    )
    verified_totals = TotalsSerializer()


class StaleVerdictSerializer(serializers.Serializer):
    errors = ErrorItemSerializer(many=True)  # type: ignore[assignment]  # a declared field: DRF takes it off the class
    current = VerdictSerializer(
        required=False,
        allow_null=True,
        help_text="When the revision is stale: the newer verdict (null: cleared).",
    )
    verdict_revision = serializers.IntegerField(
        required=False, help_text="When the revision is stale: the verdict's revision now."
    )


class CommentInputSerializer(serializers.Serializer):
    text = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=5000,
        default="",
        help_text="An empty text deletes the draft comment.",
    )


class DraftCommentSerializer(serializers.Serializer):
    code = serializers.CharField()
    text = serializers.CharField(allow_null=True, help_text="Null once deleted.")


class ReturnInputSerializer(serializers.Serializer):
    message = serializers.CharField(required=False, allow_blank=True, max_length=5000, default="")
    deadline = serializers.DateTimeField(help_text="The revision deadline (Vietnam time if naive).")


class ReasonInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=5000)


class ForwardInputSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, max_length=5000, default="")


class RankingEntrySerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    state = serializers.CharField(allow_blank=True)
    points = serializers.CharField()
    max_points = serializers.CharField()
    percent = serializers.CharField()
    level = serializers.CharField()
    level_name = serializers.CharField(required=False)
    rank = serializers.IntegerField(allow_null=True)


class ForwardingSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    district = serializers.CharField()
    forwarded_at = serializers.DateTimeField()
    forwarded_by = serializers.CharField()
    note = serializers.CharField(allow_blank=True)
    ranking = RankingEntrySerializer(many=True)
    sent_back_at = serializers.DateTimeField(allow_null=True)
    sent_back_by = serializers.CharField(allow_null=True)
    sent_back_reason = serializers.CharField(allow_blank=True)


class CommuneSerializer(serializers.Serializer):
    unit_code = serializers.CharField()
    unit_name = serializers.CharField()
    state = serializers.ChoiceField(choices=FORM_STATES)


class DistrictSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    district = UnitRefSerializer()
    communes = CommuneSerializer(many=True)
    problems = serializers.ListField(
        child=serializers.CharField(), help_text="What stops the district from forwarding."
    )
    may_forward = serializers.BooleanField()
    may_send_back = serializers.BooleanField()
    standing = ForwardingSerializer(allow_null=True)
    forwardings = ForwardingSerializer(many=True)


# --- results ------------------------------------------------------------------------------


class GroupColumnSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    max_points = DecimalString()


class ResultRowSerializer(serializers.Serializer):
    rank = serializers.IntegerField(allow_null=True)
    rank_in_district = serializers.IntegerField(allow_null=True)
    unit_code = serializers.CharField()
    unit_name = serializers.CharField()
    district_name = serializers.CharField(allow_blank=True)
    groups = serializers.ListField(
        child=DecimalString(allow_null=True), help_text="Per group column; null: not applicable."
    )
    points = DecimalString()
    max_points = DecimalString()
    share = ShareField()
    percent = DecimalString()
    converted = DecimalString(
        allow_null=True,
        help_text="The converted score (share × the set's converted_scale); null when the "
        "set names no scale.",
    )
    level = LevelSerializer(allow_null=True, help_text="Null in an index that only ranks.")
    not_ranked_reason = serializers.CharField(
        allow_blank=True, help_text="Why a unit evaluated is not ranked (its rank is null)."
    )
    submitted = serializers.BooleanField()
    self_points = DecimalString(allow_null=True)
    not_reviewed = serializers.BooleanField(help_text="Counted for a preview; not yet approved.")
    refused = serializers.IntegerField(help_text="Entries the rules refuse, left out.")
    correction_open = serializers.BooleanField()


class ResultTableSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    set_id = serializers.CharField()
    version = serializers.CharField(allow_blank=True)
    converted_scale = DecimalString(
        allow_null=True, help_text="The scale of the converted score; null: the set names none."
    )
    groups = GroupColumnSerializer(many=True)
    rows = ResultRowSerializer(many=True)


class WarningsSerializer(serializers.Serializer):
    not_submitted = serializers.ListField(child=serializers.CharField())
    not_reviewed = serializers.ListField(child=serializers.CharField())
    not_forwarded = serializers.ListField(child=serializers.CharField())
    still_open = serializers.ListField(
        child=serializers.CharField(),
        help_text="Not submitted yet, but the deadline (or extension) has not passed.",
    )


class ResultsSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    state = serializers.ChoiceField(choices=PeriodState.choices)
    tables = ResultTableSerializer(many=True)
    warnings = WarningsSerializer()


class ResultsFilterSerializer(serializers.Serializer):
    block = serializers.CharField(required=False, max_length=32)


class PublicationSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    number = serializers.IntegerField()
    decision_number = serializers.CharField()
    decision_date = serializers.DateField()
    signer = serializers.CharField()
    correction_reason = serializers.CharField(allow_blank=True)
    published_at = serializers.DateTimeField()
    is_correction = serializers.BooleanField()


class CorrectionSerializer(serializers.Serializer):
    unit_code = serializers.CharField()
    unit_name = serializers.CharField()
    reason = serializers.CharField()
    opened_at = serializers.DateTimeField()


class PublicationDetailSerializer(PublicationSerializer):
    tables = ResultTableSerializer(many=True)
    corrections = CorrectionSerializer(many=True)


class PublicationFilterSerializer(serializers.Serializer):
    year = serializers.IntegerField(required=False, min_value=1900, max_value=9999)


# --- figures from other systems ------------------------------------------------------------


class FiguresInputSerializer(serializers.Serializer):
    file = serializers.FileField(
        allow_empty_file=True,
        help_text="A .csv (UTF-8) or .xlsx file: unit_code, criterion, value (or numerator "
        "and denominator).",
    )
    source = serializers.CharField(  # type: ignore[assignment]  # a declared field: DRF takes it off the class
        max_length=500, help_text="Where the figures come from; kept in each form's history."
    )
    dry_run = serializers.BooleanField(
        required=False, default=False, help_text="Check and report only; nothing is saved."
    )


class FigureChangeSerializer(serializers.Serializer):
    row = serializers.IntegerField()
    unit_code = serializers.CharField()
    unit_name = serializers.CharField()
    criterion = serializers.CharField()
    before = serializers.CharField(allow_blank=True)
    after = serializers.CharField(allow_blank=True)
    changed = serializers.BooleanField()


class FiguresReportSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    filename = serializers.CharField()
    source = serializers.CharField()  # type: ignore[assignment]  # a declared field: DRF takes it off the class
    dry_run = serializers.BooleanField()
    changed = serializers.IntegerField()
    rows = FigureChangeSerializer(many=True)
