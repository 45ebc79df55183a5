"""URLs of the open-data release (public)."""

from django.urls import path

from . import views

app_name = "open_data"
urlpatterns = [
    path("", views.open_data, name="open_data"),
    path("ratings.json", views.ratings_json, name="ratings_json"),
    path("ratings.csv", views.ratings_csv, name="ratings_csv"),
    path("schema.json", views.schema_json, name="schema"),
    path("dictionary.csv", views.dictionary_csv, name="dictionary"),
]
