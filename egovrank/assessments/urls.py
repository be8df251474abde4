from django.urls import path

from egovrank.core.documents import response  # noqa: F401 - registers the "doc" converter

from . import figures_views, views, workbook_views

app_name = "assessments"
_form = "<int:year>/<str:unit>/"
urlpatterns = [
    path("", views.assessment_list, name="list"),
    path(_form, views.form_page, name="form"),
    path("figures/<int:year>/", figures_views.figures_import, name="figures_import"),
    path("figures/<int:year>/confirm/", figures_views.figures_confirm, name="figures_confirm"),
    path(_form + "workbook/", workbook_views.workbook_download, name="workbook"),
    path(_form + "workbook/upload/", workbook_views.workbook_upload, name="workbook_upload"),
    path(_form + "workbook/confirm/", workbook_views.workbook_confirm, name="workbook_confirm"),
    path(_form + "history/", views.history, name="history"),
    path(_form + "check/", views.check, name="check"),
    path(_form + "report.<doc:fmt>", views.report, name="report"),
    path(
        _form + "submissions/<int:number>/report.<doc:fmt>",
        views.submission_report,
        name="submission_report",
    ),
    path(_form + "submit/", views.submit, name="submit"),
    path(_form + "withdraw/", views.withdraw, name="withdraw"),
    path(_form + "criteria/<str:code>/save/", views.save_answer, name="save"),
    path(_form + "criteria/<str:code>/files/", views.upload_file, name="upload"),
    path(_form + "criteria/<str:code>/links/", views.add_link, name="add_link"),
    path(_form + "files/<int:pk>/", views.download_file, name="download"),
    path(_form + "files/<int:pk>/remove/", views.remove_file, name="remove_file"),
    path(_form + "links/<int:pk>/remove/", views.remove_link, name="remove_link"),
]
