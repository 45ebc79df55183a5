"""URLs of findings and recommendations, under an inspection."""

from django.urls import path

from . import views

app_name = "findings"
urlpatterns = [
    path("<id:pk>/findings/", views.findings_page, name="findings"),
    path("<id:pk>/findings/standard/<str:standard_id>/", views.add_finding, name="add"),
    path("<id:pk>/findings/domain/<str:domain_id>/", views.domain_summary, name="summary"),
    path("<id:pk>/recommendations/", views.recommendations_page, name="recommendations"),
    path(
        "<id:pk>/recommendations/<id:recommendation_id>/change/",
        views.change_recommendation,
        name="change_recommendation",
    ),
    path("<id:pk>/findings/<id:finding_id>/change/", views.change_finding, name="change"),
]
