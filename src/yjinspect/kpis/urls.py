"""URLs of KPIs."""

from django.urls import path

from . import views

app_name = "kpis"
urlpatterns = [
    path("<id:pk>/kpis/", views.kpis, name="kpis"),
    path("<id:pk>/kpis/template.csv", views.template, name="template"),
]
