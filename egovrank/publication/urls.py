"""The public results: pages, downloads, the portal's widget and the feed. No sign-in;
everything here is read from published snapshots."""

from django.urls import path

from . import downloads, embed, feeds, views

app_name = "publication"
_block = "<int:year>/blocks/<str:block>/"
urlpatterns = [
    path("", views.index, name="index"),
    path("feed.atom", feeds.feed, name="feed"),
    path("<int:year>/", views.year, name="year"),
    path(_block, views.block, name="block"),
    path(_block + "districts/", views.districts, name="districts"),
    path("<int:year>/units/<str:unit>/", views.unit, name="unit"),
    path("<int:year>/results.xlsx", downloads.xlsx, name="xlsx"),
    path("<int:year>/results.pdf", downloads.pdf, name="pdf"),
    path("<int:year>/announcement.docx", downloads.announcement_docx, name="announcement_docx"),
    path("<int:year>/announcement.pdf", downloads.announcement_pdf, name="announcement_pdf"),
    path("<int:year>/results.json", downloads.json, name="json"),
    path(_block + "results.csv", downloads.csv, name="csv"),
    path(_block + "embed/", embed.block_widget, name="embed"),
]
