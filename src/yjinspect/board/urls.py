"""URLs of the board and its data pack."""

from django.urls import path

from . import views

app_name = "board"
urlpatterns = [
    path("<id:pk>/board/", views.board, name="board"),
]
