"""URLs of services."""

from django.urls import path

from . import views

app_name = "services"
urlpatterns = [
    path("", views.service_list, name="list"),
    path("new/", views.service_edit, name="create"),
    path("<id:pk>/", views.service_detail, name="detail"),
    path("<id:pk>/change/", views.service_edit, name="edit"),
]
