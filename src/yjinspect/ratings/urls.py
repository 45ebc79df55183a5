"""URLs of ratings, under an inspection."""

from django.urls import path

from . import views

app_name = "ratings"
urlpatterns = [
    path("<id:pk>/ratings/", views.ratings_page, name="ratings"),
    path("<id:pk>/ratings.<ratings_export:kind>", views.export, name="export"),
    path("<id:pk>/standards/<str:standard_id>/", views.judgement_page, name="judgement"),
]
