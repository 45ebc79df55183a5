"""URLs of the board and its data pack."""

from django.urls import path

from . import views

app_name = "board"
urlpatterns = [
    path("<id:pk>/board/", views.board, name="board"),
    path("<id:pk>/board/pack/", views.pack, name="pack"),
    path("<id:pk>/board/pack.pdf", views.pack_pdf, name="pack_pdf"),
]
