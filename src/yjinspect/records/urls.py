"""URLs of records."""

from django.urls import path

from . import views

app_name = "records"
urlpatterns = [
    path("<id:pk>/subject-access/", views.subject_access, name="subject_access"),
]
