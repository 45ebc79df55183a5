"""URLs of the improvement plan, under an inspection."""

from django.urls import path

from . import views

app_name = "plans"
urlpatterns = [
    path("<int:pk>/plan/", views.plan_page, name="plan"),
    path("<int:pk>/plan/<int:action_id>/", views.action_page, name="action"),
    path("<int:pk>/plan.<str:kind>", views.export, name="export"),
]
