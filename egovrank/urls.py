"""URL map: public pages, sign-in, the registry of units and people, admin, languages.

This module stands above every app, so it also places a page of a higher app at a lower
app's address, where the lower app's ``urls.py`` cannot import the view
(docs/architecture.md).
"""

from django.contrib import admin
from django.urls import URLPattern, include, path

from egovrank.accounts.views import admin_sign_in
from egovrank.assessments.dashboard_views import dashboard_export, period_dashboard, remind
from egovrank.periods import urls as periods_urls
from egovrank.results.grid_views import grid, grid_export
from egovrank.review import urls as review_urls

# The deadline dashboard counts the self-assessment's states: the view is assessments',
# the address the period's.
periods: tuple[list[URLPattern], str] = (
    [
        *periods_urls.urlpatterns,
        path("<int:year>/dashboard/", period_dashboard, name="dashboard"),
        path("<int:year>/dashboard/export/", dashboard_export, name="dashboard_export"),
        path("<int:year>/dashboard/remind/", remind, name="remind"),
    ],
    periods_urls.app_name,
)

# The reviewer's grid shows the results' points of every unit: the views are the
# results', the address the review's (before the review's own, which would take "grid"
# for a unit code).
review: tuple[list[URLPattern], str] = (
    [
        path("<int:year>/grid/", grid, name="grid"),
        path("<int:year>/grid/export/", grid_export, name="grid_export"),
        *review_urls.urlpatterns,
    ],
    review_urls.app_name,
)

urlpatterns = [
    # First: on an announcement day these are nearly every request, and each address
    # is matched against the entries above it.
    path("published/", include("egovrank.publication.urls")),
    path("", include("egovrank.front.urls")),
    path("criteria/", include("egovrank.criteria.urls")),
    path("account/", include("egovrank.accounts.urls")),
    path("people/", include("egovrank.accounts.people_urls")),
    path("units/", include("egovrank.orgs.urls")),
    path("periods/", include(periods)),
    path("assessments/", include("egovrank.assessments.urls")),
    path("results/", include("egovrank.results.urls")),
    path("insight/", include("egovrank.insight.urls")),
    path("notices/", include("egovrank.notifications.urls")),
    path("review/", include(review)),
    path("api/", include("egovrank.api.urls")),
    path("account/api-tokens/", include("egovrank.api.token_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    # Before the admin's own: its sign-in, under the app's lock-out (answers 429).
    path("admin/login/", admin_sign_in),
    path("admin/", admin.site.urls),
    path("", include("egovrank.ops.urls")),
]

# Under /api/ Django's own error answers come in the API's JSON shape, elsewhere as pages.
handler400 = "egovrank.api.error_pages.bad_request"
handler403 = "egovrank.api.error_pages.permission_denied"
handler404 = "egovrank.api.error_pages.page_not_found"
handler500 = "egovrank.api.error_pages.server_error"
