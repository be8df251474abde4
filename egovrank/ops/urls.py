from django.urls import path

from . import views

app_name = "ops"
urlpatterns = [
    # No trailing slash: the address load balancers and monitors expect.
    path("healthz", views.healthz, name="healthz"),
]
