from django.urls import path

from egovrank.core.documents import response  # noqa: F401 - registers the "doc" converter

from . import figure_views, views

app_name = "review"
_form = "<int:year>/<str:unit>/"
_district = "<int:year>/districts/<str:district>/"
urlpatterns = [
    path("", views.queue, name="queue"),
    path(_form, views.detail, name="detail"),
    path(_form + "criteria/<str:code>/accept/", views.accept, name="accept"),
    path(_form + "criteria/<str:code>/adjust/", views.adjust, name="adjust"),
    path(_form + "criteria/<str:code>/clear/", views.clear, name="clear"),
    path(_form + "criteria/<str:code>/comment/", views.comment, name="comment"),
    path(_form + "figures/<str:code>/accept/", figure_views.accept_figure, name="accept_figure"),
    path(_form + "figures/<str:code>/adjust/", figure_views.adjust_figure, name="adjust_figure"),
    path(_form + "figures/<str:code>/clear/", figure_views.clear_figure, name="clear_figure"),
    path(_form + "result.<doc:fmt>", views.result_document, name="result_document"),
    path(_form + "return/", views.return_form, name="return"),
    path(_form + "approve/", views.approve, name="approve"),
    path(_form + "reopen/", views.reopen, name="reopen"),
    path(_form + "not-submitted/", views.mark_not_submitted, name="not_submitted"),
    path(_district, views.district, name="district"),
    path(_district + "forward/", views.forward, name="forward"),
    path(_district + "send-back/", views.send_back, name="send_back"),
]
