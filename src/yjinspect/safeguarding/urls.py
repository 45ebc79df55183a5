"""URLs of information sharing and exploitation."""

from django.urls import path

from . import views

app_name = "safeguarding"
urlpatterns = [
    path("<id:pk>/notices/", views.notices, name="notices"),
    path("<id:pk>/notices/<id:notice>/", views.notice, name="notice"),
    path("<id:pk>/exploitation/", views.exploitation, name="exploitation"),
]
