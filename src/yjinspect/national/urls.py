"""URLs of the national picture."""

from django.urls import path

from . import views

app_name = "national"
urlpatterns = [
    path("", views.index, name="index"),
    path("services/", views.services, name="services"),
    path("selection/", views.selection_page, name="selection"),
    path("selection.csv", views.selection_csv, name="selection_csv"),
    path("disproportionality/", views.disproportionality_page, name="disproportionality"),
    path("disproportionality.csv", views.disproportionality_csv, name="disproportionality_csv"),
    path("services/<id:pk>/history/", views.service_history, name="history"),
    path("<slug:figure_id>/", views.figure, name="figure"),
    path("<slug:figure_id>.csv", views.figure_csv, name="figure_csv"),
]
