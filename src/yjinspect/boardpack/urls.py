"""URLs of the board data pack."""

from django.urls import path

from . import views

app_name = "boardpack"
urlpatterns = [
    path("<id:pk>/board/pack/", views.pack, name="pack"),
    path("<id:pk>/board/pack.pdf", views.pack_pdf, name="pack_pdf"),
]
