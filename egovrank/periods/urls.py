from django.urls import URLPattern

app_name = "periods"
urlpatterns: list[URLPattern] = []
