from django.urls import path

from . import language, views

app_name = "front"
urlpatterns = [
    path("", views.home, name="home"),
    path("workspace/", views.workspace, name="workspace"),
    path("language/<str:code>/", language.switch_language, name="language"),
]
