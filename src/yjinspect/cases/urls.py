"""URLs of cases, under an inspection."""

from django.urls import path

from . import profile_views, views, workbook_views

app_name = "cases"
urlpatterns = [
    path("<id:pk>/caseload/", views.caseload_page, name="caseload"),
    path(
        "<id:pk>/caseload/template.<export_kind:kind>",
        views.caseload_template,
        name="caseload_template",
    ),
    path("<id:pk>/caseload/<id:upload_id>/", views.caseload_check, name="caseload_check"),
    path("<id:pk>/caseload/profiles/", profile_views.profiles_page, name="profiles"),
    path(
        "<id:pk>/caseload/<id:upload_id>/progress.json",
        views.caseload_progress,
        name="caseload_progress",
    ),
    path("<id:pk>/sample/", views.sample_page, name="sample"),
    path("<id:pk>/sample/allocation/", views.allocation_page, name="allocation"),
    path("<id:pk>/sample/<id:sampled_id>/replace/", views.replace_case, name="replace"),
    path("<id:pk>/cases/", views.my_cases, name="my_cases"),
    path("<id:pk>/cases/offline/", workbook_views.bring_back, name="workbook"),
    path("<id:pk>/cases/offline/workbook.xlsx", workbook_views.download, name="workbook_download"),
    path(
        "<id:pk>/cases/offline/<id:import_id>/",
        workbook_views.brought_back,
        name="workbook_import",
    ),
    path("<id:pk>/moderation/", views.moderation_page, name="moderation"),
    path("<id:pk>/cases/<id:sampled_id>/<str:standard_id>/", views.assess, name="assess"),
]
