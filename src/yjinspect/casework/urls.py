"""URLs of the service's caseload."""

from django.urls import path

from . import views

app_name = "casework"
urlpatterns = [
    path("<id:pk>/caseload/", views.caseload, name="caseload"),
    path("<id:pk>/caseload/<id:case>/", views.allocate, name="allocate"),
]
