from django.urls import path

from . import views

app_name = "orgs"
urlpatterns = [
    path("", views.unit_list, name="list"),
    path("import/", views.unit_import, name="import"),
    path("export.<str:fmt>", views.unit_export, name="export"),
    path("<str:code>/", views.unit_detail, name="detail"),
    path("<str:code>/successors/", views.unit_add_successor, name="add_successor"),
]
