"""URLs of out-of-court decisions."""

from django.urls import path

from . import views

app_name = "outofcourt"
urlpatterns = [
    path("<id:pk>/out-of-court/", views.panels, name="panels"),
    path("<id:pk>/out-of-court/<id:panel>/", views.panel, name="panel"),
]
