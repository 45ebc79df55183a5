"""App configuration for the framework catalogue."""

from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "yjinspect.catalogue"
    verbose_name = "Framework catalogue"
