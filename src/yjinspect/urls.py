"""Top-level URLs."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, register_converter

from yjinspect.accounts import views as accounts_views
from yjinspect.accounts.forms import SignInForm
from yjinspect.converters import ExportKindConverter, IdConverter
from yjinspect.notifications import views as notifications_views

# Before the apps' URLs are included: they use these.
register_converter(IdConverter, "id")
register_converter(ExportKindConverter, "export_kind")

urlpatterns = [
    path("", include("yjinspect.catalogue.urls")),
    path(
        "sign-in/",
        auth_views.LoginView.as_view(
            template_name="accounts/sign_in.html", authentication_form=SignInForm
        ),
        name="login",
    ),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("inspections/", include("yjinspect.inspections.urls")),
    path("inspections/", include("yjinspect.cases.urls")),
    path("inspections/", include("yjinspect.ratings.urls")),
    path("inspections/", include("yjinspect.fieldwork.urls")),
    path("inspections/", include("yjinspect.alerts.urls")),
    path("inspections/", include("yjinspect.findings.urls")),
    path("inspections/", include("yjinspect.reports.urls")),
    path("inspections/", include("yjinspect.plans.urls")),
    path("notifications/", notifications_views.notifications, name="notifications"),
    path("services/", include("yjinspect.services.urls")),
    path("i18n/setlang/", accounts_views.set_language, name="set_language"),
    path("admin/", admin.site.urls),
]
