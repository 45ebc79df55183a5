"""URLs of the service's staffing records."""

from django.urls import path

from . import views

app_name = "staffing"
urlpatterns = [
    path("<id:pk>/staffing/", views.overview, name="overview"),
    path("<id:pk>/staffing/posts/<id:post>/", views.post_detail, name="post"),
    path("<id:pk>/staffing/people/<id:person>/", views.person_detail, name="person"),
]
