"""URLs of the API (under /api/) and its documentation page."""

from django.urls import path

from . import docs
from .main import api

urlpatterns = [
    path("api/docs/", docs.documentation, name="api-docs"),
    path("api/", api.urls),
]
