from django.urls import path

from . import editor_views, views

app_name = "criteria"
urlpatterns = [
    path("", views.set_list, name="list"),
    # Pages about versions in general sit under "versions/", two segments deep, so that
    # no set identifier can shadow them.
    path("versions/import/", views.version_import, name="import"),
    path("versions/add-shipped/", views.add_shipped, name="add_shipped"),
    path("versions/compare/", views.compare, name="compare"),
    path("versions/frameworks/", views.framework_list, name="frameworks"),
    path("<slug:set_id>/", views.set_detail, name="detail"),
    path("<slug:set_id>.yaml", views.set_yaml, name="yaml"),
    path("<slug:set_id>.xlsx", views.set_xlsx, name="xlsx"),
    path("<slug:set_id>/copy/", views.version_copy, name="copy"),
    path("<slug:set_id>/edit/", editor_views.edit, name="edit"),
    path("<slug:set_id>/edit/details/", editor_views.edit_meta, name="edit_meta"),
    path("<slug:set_id>/edit/levels/", editor_views.edit_levels, name="edit_levels"),
    path("<slug:set_id>/edit/add-group/", editor_views.add_group, name="add_group"),
    path("<slug:set_id>/edit/node/<str:code>/", editor_views.edit_node, name="edit_node"),
    path("<slug:set_id>/edit/node/<str:code>/add/", editor_views.add_node, name="add_node"),
    path("<slug:set_id>/edit/node/<str:code>/move/", editor_views.move_node, name="move_node"),
    path(
        "<slug:set_id>/edit/node/<str:code>/delete/", editor_views.delete_node, name="delete_node"
    ),
]
