"""URLs of fieldwork evidence."""

from django.urls import path

from . import views

app_name = "fieldwork"
urlpatterns = [path("<id:pk>/consents/", views.consents_page, name="consents")]
