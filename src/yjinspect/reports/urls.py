"""URLs of the report, under an inspection."""

from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("<int:pk>/report/", views.report_page, name="report"),
    path("<int:pk>/report/accuracy/", views.accuracy_page, name="accuracy"),
    path("<int:pk>/report/draft/", views.draft_html, name="draft_html"),
    path("<int:pk>/report/draft.pdf", views.draft_pdf, name="draft_pdf"),
    path("<int:pk>/report/published/<int:report_id>.pdf", views.published_pdf, name="published"),
]
