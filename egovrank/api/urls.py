"""The REST API: version 1 under /api/v1/, its OpenAPI schema and its documentation.

Unit codes, criterion codes and set identifiers in paths may hold any character but a
slash or a control character (a NUL would reach the database). Any other address under
/api/ answers a JSON 404, never an HTML page.
"""

from django.http import HttpRequest, JsonResponse
from django.urls import path, re_path, register_converter
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from .error_pages import json_error
from .views import assessments, criteria, periods, results, review, units


class CodeConverter:
    regex = r"[^/\x00-\x1f\x7f]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(CodeConverter, "apicode")


@csrf_exempt  # it changes nothing; a POST to a wrong address is a 404 as well
def not_found(request: HttpRequest) -> JsonResponse:
    return json_error(404, _("No API endpoint at this address."), "not_found")


app_name = "api"
_form = "v1/assessments/<int:year>/<apicode:unit>/"
_review = "v1/review/<int:year>/units/<apicode:unit>/"
_district = "v1/review/<int:year>/districts/<apicode:district>/"
urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its start-up script as a file (docs/?script=), not inline:
    # the pages' Content-Security-Policy runs no inline script.
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api:schema", template_name="api/docs.html"),
        name="docs",
    ),
    path("v1/units/", units.UnitList.as_view(), name="units"),
    path("v1/units/<apicode:code>/", units.UnitDetail.as_view(), name="unit"),
    path("v1/criteria/", criteria.VersionList.as_view(), name="versions"),
    path("v1/criteria/<apicode:set_id>/", criteria.VersionDetail.as_view(), name="version"),
    path("v1/periods/", periods.PeriodList.as_view(), name="periods"),
    path("v1/periods/<int:year>/", periods.PeriodDetail.as_view(), name="period"),
    path("v1/periods/<int:year>/figures/", periods.FiguresImport.as_view(), name="figures"),
    path("v1/assessments/", assessments.AssessmentList.as_view(), name="assessments"),
    path(_form, assessments.AssessmentDetail.as_view(), name="assessment"),
    path(_form + "answers/<apicode:code>/", assessments.AnswerView.as_view(), name="answer"),
    path(_form + "submit/", assessments.SubmitView.as_view(), name="submit"),
    path(_form + "withdraw/", assessments.WithdrawView.as_view(), name="withdraw"),
    path(_form + "criteria/<apicode:code>/files/", assessments.FileUpload.as_view(), name="files"),
    path(_form + "files/<int:pk>/", assessments.FileView.as_view(), name="file"),
    path(_form + "criteria/<apicode:code>/links/", assessments.LinkAdd.as_view(), name="links"),
    path(_form + "links/<int:pk>/", assessments.LinkView.as_view(), name="link"),
    path(_review, review.ReviewDetail.as_view(), name="review"),
    path(_review + "criteria/<apicode:code>/accept/", review.AcceptView.as_view(), name="accept"),
    path(_review + "criteria/<apicode:code>/adjust/", review.AdjustView.as_view(), name="adjust"),
    path(_review + "criteria/<apicode:code>/clear/", review.ClearView.as_view(), name="clear"),
    path(
        _review + "figures/<apicode:code>/accept/",
        review.FigureAcceptView.as_view(),
        name="accept_figure",
    ),
    path(
        _review + "figures/<apicode:code>/adjust/",
        review.FigureAdjustView.as_view(),
        name="adjust_figure",
    ),
    path(
        _review + "figures/<apicode:code>/clear/",
        review.FigureClearView.as_view(),
        name="clear_figure",
    ),
    path(
        _review + "criteria/<apicode:code>/comment/", review.CommentView.as_view(), name="comment"
    ),
    path(_review + "return/", review.ReturnView.as_view(), name="return"),
    path(_review + "approve/", review.ApproveView.as_view(), name="approve"),
    path(_review + "reopen/", review.ReopenView.as_view(), name="reopen"),
    path(_review + "not-submitted/", review.NotSubmittedView.as_view(), name="not_submitted"),
    path(_district, review.DistrictView.as_view(), name="district"),
    path(_district + "forward/", review.ForwardView.as_view(), name="forward"),
    path(_district + "send-back/", review.SendBackView.as_view(), name="send_back"),
    path("v1/results/<int:year>/", results.ResultsView.as_view(), name="results"),
    path("v1/publications/", results.PublicationList.as_view(), name="publications"),
    path(
        "v1/publications/<int:year>/<int:number>/",
        results.PublicationDetail.as_view(),
        name="publication",
    ),
    # Any character, a newline too (a plain "." stops at one).
    re_path(r"^[\s\S]*$", not_found),
]
