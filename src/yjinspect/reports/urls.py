"""URLs of the report, under an inspection."""

from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("<id:pk>/report/", views.report_page, name="report"),
    path("<id:pk>/report/accuracy/", views.accuracy_page, name="accuracy"),
    path("<id:pk>/report/progress.json", views.publishing_progress, name="progress"),
    path("<id:pk>/report/draft/", views.draft_html, name="draft_html"),
    path("<id:pk>/report/draft.pdf", views.draft_pdf, name="draft_pdf"),
    path("<id:pk>/report/published/<id:report_id>.pdf", views.published_pdf, name="published"),
]
