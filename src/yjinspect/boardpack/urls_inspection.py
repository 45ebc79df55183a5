"""URL of an inspection's data in advance (under /inspections/)."""

from django.urls import path

from . import views

app_name = "data_in_advance"
urlpatterns = [
    path("<id:pk>/data-in-advance/", views.data_in_advance, name="data_in_advance"),
]
