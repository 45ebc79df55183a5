"""URLs of the framework catalogue."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("frameworks/<str:framework_id>/", views.framework_detail, name="framework"),
]
