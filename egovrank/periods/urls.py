from django.urls import path

from . import views

app_name = "periods"
urlpatterns = [
    path("", views.period_list, name="list"),
    path("new/", views.period_create, name="create"),
    path("<int:year>/", views.period_detail, name="detail"),
    path("<int:year>/deadlines/", views.period_deadlines, name="deadlines"),
    path("<int:year>/versions/", views.period_set_version, name="set_version"),
    path("<int:year>/participants/", views.period_add_participants, name="add_participants"),
    path(
        "<int:year>/participants/<int:pk>/remove/",
        views.period_remove_participant,
        name="remove_participant",
    ),
    path("<int:year>/state/", views.period_change_state, name="change_state"),
    path("<int:year>/extensions/", views.period_extend, name="extend"),
    path("<int:year>/ranking/", views.period_ranking, name="ranking"),
]
