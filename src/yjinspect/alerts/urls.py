"""URLs of case alerts, under an inspection."""

from django.urls import path

from . import views

app_name = "alerts"
urlpatterns = [
    path("<id:pk>/alerts/", views.alert_list, name="list"),
    path("<id:pk>/alerts/<id:alert_id>/", views.alert_detail, name="detail"),
]
