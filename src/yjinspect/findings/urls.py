"""URLs of findings and recommendations, under an inspection."""

from django.urls import path

from . import views

app_name = "findings"
urlpatterns = [
    path("<int:pk>/findings/", views.findings_page, name="findings"),
    path("<int:pk>/findings/standard/<str:standard_id>/", views.add_finding, name="add"),
    path("<int:pk>/findings/domain/<str:domain_id>/", views.domain_summary, name="summary"),
    path("<int:pk>/recommendations/", views.recommendations_page, name="recommendations"),
]
