from django.urls import path

from . import views

app_name = "people"
urlpatterns = [
    path("", views.people_list, name="list"),
    path("new/", views.person_create, name="create"),
    path("<int:pk>/", views.person_detail, name="detail"),
    path("<int:pk>/roles/", views.role_grant, name="role_grant"),
    path("<int:pk>/roles/<int:assignment_pk>/remove/", views.role_revoke, name="role_revoke"),
    path("<int:pk>/unlock/", views.person_unlock, name="unlock"),
    path("<int:pk>/send-link/", views.person_send_link, name="send_link"),
]
