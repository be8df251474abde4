"""URL map: public pages first, then the criteria sets, admin and language switching."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("egovrank.core.urls")),
    path("criteria/", include("egovrank.criteria.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
