from django.urls import path

from . import views

app_name = "criteria"
urlpatterns = [
    path("", views.set_list, name="list"),
    path("<slug:set_id>/", views.set_detail, name="detail"),
    path("<slug:set_id>.yaml", views.set_yaml, name="yaml"),
    path("<slug:set_id>.xlsx", views.set_xlsx, name="xlsx"),
]
