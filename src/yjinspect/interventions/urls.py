"""URLs of the interventions register."""

from django.urls import path

from . import views

app_name = "interventions"
urlpatterns = [
    path("<id:pk>/interventions/", views.register, name="register"),
    path("<id:pk>/interventions/<id:intervention>/", views.intervention, name="intervention"),
]
