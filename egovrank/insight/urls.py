"""Signed-in insight into published results: where a unit lost points, what would move
it up, and the province's analysis."""

from django.urls import path

from . import analysis_views, views

app_name = "insight"
urlpatterns = [
    path("<int:year>/units/<str:unit>/lost-points/", views.lost_points, name="lost_points"),
    path("<int:year>/units/<str:unit>/what-if/", views.what_if, name="what_if"),
    path("<int:year>/analysis/", analysis_views.analysis, name="analysis"),
]
