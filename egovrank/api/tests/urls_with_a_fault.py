"""The app's own URLs and error handlers, with one API view that fails as a bug would."""

from django.http import HttpRequest, HttpResponse
from django.urls import path
from rest_framework.decorators import api_view, permission_classes
from rest_framework.permissions import AllowAny
from rest_framework.request import Request

from egovrank.urls import *  # noqa: F403 (the handlers too)
from egovrank.urls import urlpatterns as app_urlpatterns


@api_view(["GET"])
@permission_classes([AllowAny])
def faulty(request: Request) -> HttpResponse:
    raise ZeroDivisionError("a bug")


def faulty_page(request: HttpRequest) -> HttpResponse:
    raise ZeroDivisionError("a bug")


urlpatterns = [
    path("api/v1/faulty/", faulty),
    path("faulty/", faulty_page),
    *app_urlpatterns,
]
