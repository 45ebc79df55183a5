"""Public URLs of published reports (no sign-in)."""

from django.urls import path

from . import public

app_name = "public_reports"
urlpatterns = [
    path("", public.report_list, name="list"),
    path("<id:report_id>/", public.report_page, name="report"),
    path("<id:report_id>.pdf", public.report_pdf, name="pdf"),
]
