"""URLs of cases, under an inspection."""

from django.urls import path

from . import views

app_name = "cases"
urlpatterns = [
    path("<int:pk>/caseload/", views.caseload_page, name="caseload"),
    path("<int:pk>/caseload/<int:upload_id>/", views.caseload_check, name="caseload_check"),
    path("<int:pk>/sample/", views.sample_page, name="sample"),
    path("<int:pk>/sample/<int:sampled_id>/replace/", views.replace_case, name="replace"),
    path("<int:pk>/cases/", views.my_cases, name="my_cases"),
    path("<int:pk>/moderation/", views.moderation_page, name="moderation"),
    path("<int:pk>/cases/<int:sampled_id>/<str:standard_id>/", views.assess, name="assess"),
]
