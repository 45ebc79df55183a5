"""URLs of the improvement plan, under an inspection."""

from django.urls import path

from . import views

app_name = "plans"
urlpatterns = [
    path("<id:pk>/plan/", views.plan_page, name="plan"),
    path("<id:pk>/plan/<id:action_id>/", views.action_page, name="action"),
    path("<id:pk>/plan.<export_kind:kind>", views.export, name="export"),
]
