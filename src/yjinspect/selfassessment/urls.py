"""URLs of the service's self-assessments (under /services/) and of taking a
self-assessment's caseload (under /inspections/)."""

from django.urls import path

from . import views

app_name = "selfassessment"
urlpatterns = [
    path("services/<id:pk>/self-assessments/", views.self_assessments, name="list"),
    path(
        "inspections/<id:pk>/caseload/from-records/",
        views.take_caseload,
        name="take_caseload",
    ),
]
