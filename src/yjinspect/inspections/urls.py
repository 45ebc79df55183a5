"""URLs of inspections."""

from django.urls import path

from . import views

app_name = "inspections"
urlpatterns = [
    path("", views.inspection_list, name="list"),
    path("new/", views.inspection_create, name="create"),
    path("<id:pk>/", views.inspection_detail, name="detail"),
    path("<id:pk>/stage/", views.inspection_advance, name="advance"),
    path("<id:pk>/team/", views.inspection_team, name="team"),
    path("<id:pk>/themed-area/", views.inspection_titles, name="titles"),
]
