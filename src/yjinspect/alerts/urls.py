"""URLs of case alerts, under an inspection."""

from django.urls import path

from . import views

app_name = "alerts"
urlpatterns = [
    path("<int:pk>/alerts/", views.alert_list, name="list"),
    path("<int:pk>/alerts/<int:alert_id>/", views.alert_detail, name="detail"),
]
