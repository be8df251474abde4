"""URL map: public pages, sign-in, the registry of units and people, admin, languages."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("egovrank.front.urls")),
    path("criteria/", include("egovrank.criteria.urls")),
    path("account/", include("egovrank.accounts.urls")),
    path("people/", include("egovrank.accounts.people_urls")),
    path("units/", include("egovrank.orgs.urls")),
    path("periods/", include("egovrank.periods.urls")),
    path("assessments/", include("egovrank.assessments.urls")),
    path("results/", include("egovrank.results.urls")),
    path("published/", include("egovrank.publication.urls")),
    path("insight/", include("egovrank.insight.urls")),
    path("notices/", include("egovrank.notifications.urls")),
    path("review/", include("egovrank.review.urls")),
    path("api/", include("egovrank.api.urls")),
    path("account/api-tokens/", include("egovrank.api.token_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
