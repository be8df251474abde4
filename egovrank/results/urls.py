from django.urls import path

from . import views

app_name = "results"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:year>/", views.results_page, name="period"),
    path("<int:year>/finalise/", views.finalise, name="finalise"),
    path("<int:year>/publish/", views.publish, name="publish"),
    path("<int:year>/corrections/<str:code>/", views.open_correction, name="open_correction"),
    path("<int:year>/corrections/", views.publish_correction, name="publish_correction"),
    path("<int:year>/publications/", views.publications, name="publications"),
    path("<int:year>/<int:number>/", views.publication, name="publication"),
]
